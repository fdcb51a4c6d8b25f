import Foundation

/// A–Z order for term lists (vocabulary pages, the text index): case and accents are
/// ignored, so "Übung" files under U; ties fall back to the exact text, so the order never
/// depends on the input's. No locale is involved, so every machine sorts alike.
enum AlphabeticalOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        switch a.compare(b, options: [.caseInsensitive, .diacriticInsensitive]) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return a < b
        }
    }

    /// The letter a title files under: its first character without accents, uppercased.
    static func initial(of title: String) -> String {
        guard let first = title.first else { return "#" }
        return String(first).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
    }
}
