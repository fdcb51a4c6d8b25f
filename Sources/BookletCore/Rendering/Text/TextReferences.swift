/// How links read in plain text, where nothing can be clicked: a cross-reference names the
/// entry's number and title, "(see 3.2, Confidentiality)".
struct TextReferences: Sendable {
    let booklet: LinkedBooklet
    /// Entries printed in the same document when it is not the whole booklet (a handout);
    /// references to other entries then say they are in the booklet. Nil for the booklet.
    var included: Set<Int>?

    /// The words after a link to entry `index` (at heading `fragment`) whose text is
    /// `linkText`, starting with a space; the title is left out when the link text is it.
    /// No-break spaces keep "see" with the number.
    func phrase(to index: Int, fragment: String?, linkText: String) -> String {
        let entry = booklet.entries[index]
        var place = entry.title
        if let fragment, let heading = entry.document.headingIndex[fragment] {
            place += ": " + entry.document.headings[heading].text
        }
        let repeatsTitle = Self.folded(linkText) == Self.folded(place)
        guard let included else {
            return repeatsTitle ? " (see\u{A0}\(entry.number))" : " (see\u{A0}\(entry.number), \(place))"
        }
        if included.contains(index) { return repeatsTitle ? "" : " (see\u{A0}\(place))" }
        let number = entry.number
        let book = booklet.config.title
        return repeatsTitle ? " (see\u{A0}\(number) in \(book))" : " (see\u{A0}\(number), \(place), in \(book))"
    }

    /// Text compared without case, surrounding spaces and punctuation.
    static func folded(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (most titles): the same rule from a table, without Unicode properties.
            return String(
                decoding: text.utf8.compactMap { byte -> UInt8? in
                    if asciiDropped.contains(byte) { return nil }
                    return byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                }, as: UTF8.self)
        }
        return foldedByProperties(text)
    }

    /// `folded` by Unicode properties, for any text.
    static func foldedByProperties(_ text: String) -> String {
        String(
            text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace && !$0.properties.isPunctuationLike })
    }

    /// ASCII whitespace and punctuation (general categories P*; `$+<=>^`|~` are symbols).
    private static let asciiDropped = Set(Array(" \t\n\r\u{0B}\u{0C}!\"#%&'()*,-./:;?@[\\]_{}".utf8))
}

extension Unicode.Scalar.Properties {
    fileprivate var isPunctuationLike: Bool {
        switch generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
