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
        let repeatsTitle = Words.comparable(linkText) == Words.comparable(place)
        guard let included else {
            return repeatsTitle ? " (see\u{A0}\(entry.number))" : " (see\u{A0}\(entry.number), \(place))"
        }
        if included.contains(index) { return repeatsTitle ? "" : " (see\u{A0}\(place))" }
        let number = entry.number
        let book = booklet.config.title
        return repeatsTitle ? " (see\u{A0}\(number) in \(book))" : " (see\u{A0}\(number), \(place), in \(book))"
    }
}
