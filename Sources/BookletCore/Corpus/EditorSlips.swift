import Yams

/// Slips an editor makes that YAML and Markdown accept but that would publish a mistake
/// without a word: a misspelt vocabulary key (the entry loses its terms), a value pasted
/// with its own curly quotes, `booklet new`'s placeholder left in, two entries with one
/// `order`.
enum EditorSlips {
    /// The body line `booklet new` writes, to be replaced by the entry.
    static let placeholder = "Write the entry here in Markdown."

    /// Reports front-matter keys that are neither fixed nor vocabulary keys. A near miss of
    /// a vocabulary key is an error, since the terms written under it would be dropped;
    /// anything else is a warning.
    static func checkKeys(
        _ pairs: [(key: Located<String>, value: Node)], fixed: [String], vocabularies: [String],
        reader: inout YAMLReader
    ) {
        let known = (fixed + vocabularies).sorted()
        for (key, _) in pairs where !known.contains(key.value) {
            let nearest = Suggestion.nearest(to: key.value, in: known)
            if let nearest, vocabularies.contains(nearest) {
                reader.error(
                    at: key.location,
                    "unknown key '\(key.value)' in front matter; did you mean '\(nearest)'? As written, its terms are lost")
            } else {
                let hint = nearest.map { "; did you mean '\($0)'?" } ?? ""
                reader.warning(at: key.location, "unknown key '\(key.value)' in front matter\(hint)")
            }
        }
    }

    /// Opening and closing curly quotes a word processor puts around a quotation.
    private static let wrappingPairs: [(Character, Character)] = [
        ("\u{201C}", "\u{201D}"), ("\u{2018}", "\u{2019}"), ("\u{201E}", "\u{201C}"), ("\u{00AB}", "\u{00BB}"),
        ("\u{201C}", "\u{201C}"), ("\u{201D}", "\u{201D}"),
    ]

    /// A warning when the whole of `text` is wrapped in curly quotes (`“Waiting out the
    /// silence”`): they would be published as part of the value.
    static func wrappingQuotes(_ text: String, key: String, at location: SourceLocation) -> Diagnostic? {
        let trimmed = text.trimmingSpaces
        guard trimmed.count > 2, let first = trimmed.first, let last = trimmed.last,
            wrappingPairs.contains(where: { $0.0 == first && $0.1 == last })
        else { return nil }
        // “A” and “B”: two quotations, not one value wrapped in quotes.
        if trimmed.dropFirst().dropLast().contains(where: { $0 == first || $0 == last }) { return nil }
        return .warning(
            location,
            "'\(key)' is wrapped in curly quotes, which would be published; remove them (write plain quotes inside the text if it quotes someone)"
        )
    }

    /// A warning at the line of `booklet new`'s placeholder, while it is still in `body`.
    static func placeholderLeft(in body: String, bodyLineOffset: Int, path: String) -> Diagnostic? {
        // A byte search: Foundation's `contains` would convert every body to UTF-16 first.
        guard body.utf8.firstRange(of: placeholder.utf8) != nil else { return nil }
        for (index, line) in body.lineSlices.enumerated() where line.trimmingSpaces == placeholder {
            return .warning(
                SourceLocation(path: path, line: bodyLineOffset + index + 1, column: 1),
                "'\(placeholder)' is still here from 'booklet new'; replace it with the entry's text")
        }
        return nil
    }

    /// A warning for each entry whose `order` an earlier entry of its section already has,
    /// naming both (the two are then sorted by title).
    static func sameOrder(_ entries: [EntrySource]) -> [Diagnostic] {
        var first: [String: EntrySource] = [:]
        var diagnostics: [Diagnostic] = []
        for entry in entries {
            guard let order = entry.order else { continue }
            let key = "\(entry.sectionID)\n\(order)"
            if let earlier = first[key] {
                diagnostics.append(
                    .warning(
                        entry.orderLocation ?? SourceLocation(path: entry.path),
                        "'\(entry.id)' and '\(earlier.id)' both have order \(order); give each entry of '\(entry.sectionID)' its own number"
                    ))
            } else {
                first[key] = entry
            }
        }
        return diagnostics
    }
}
