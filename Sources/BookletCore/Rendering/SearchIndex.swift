/// The offline search index, written as `search-index.js` that assigns a global, because
/// browsers refuse `fetch()` of local files opened from `file://`.
struct SearchIndex {
    let booklet: LinkedBooklet

    /// Characters of body text kept per entry: enough for snippets and most searches,
    /// while keeping the index small for large booklets.
    static let bodyLimit = 4000

    func javaScript() -> String {
        let links = PageLinks(depth: 0)
        let documents = booklet.entries.indices.map { index -> String in
            let entry = booklet.entries[index]
            let terms = entry.terms.map { booklet.vocabularies[$0.vocabulary].vocabulary.terms[$0.term].title }
            let headings = entry.document.headings.map(\.text)
            var body = entry.document.plainText.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
            if body.count > Self.bodyLimit { body = String(body.prefix(Self.bodyLimit)) }
            return JSONText.object([
                ("u", JSONText.string(links.entryHref(index, in: booklet))),
                ("n", JSONText.string(entry.number)),
                ("t", JSONText.string(entry.title)),
                ("s", JSONText.string(booklet.sections[entry.section].section.title)),
                ("m", JSONText.string(entry.source.summary ?? "")),
                ("k", JSONText.string(terms.joined(separator: " · "))),
                ("h", JSONText.string(headings.joined(separator: " · "))),
                ("b", JSONText.string(body)),
            ])
        }
        return "window.BOOKLET_SEARCH_INDEX = " + JSONText.array(documents).replacingOccurrences(of: "},{", with: "},\n{") + ";\n"
    }
}
