/// The index that ends the plain-text booklet: for every vocabulary, every term A–Z with the
/// numbers of the entries tagged with it, its see-also terms, and each alias pointing to
/// its term ("countertransferences, see Countertransference").
struct TextIndex {
    let booklet: LinkedBooklet
    let width: Int

    /// One item per vocabulary: `title`, `underline`, and `terms` with finished `line`s.
    func vocabularies() -> TemplateValue {
        .objects(booklet.vocabularies.map { linked in
            let vocabulary = linked.vocabulary
            var rows: [(sortKey: String, line: String)] = []
            for (t, term) in vocabulary.terms.enumerated() {
                var text = linked.entriesByTerm[t].map { booklet.entries[$0].number }.joined(separator: ", ")
                if text.isEmpty { text = "no entries" }
                let seeAlso = linked.seeAlso[t].map { vocabulary.terms[$0].title }
                if !seeAlso.isEmpty { text += "; see also " + seeAlso.joined(separator: ", ") }
                rows.append((term.title, line(term.title + ", ", text)))
                for alias in term.aliases where Words.fold(alias) != Words.fold(term.title) {
                    rows.append((alias, line(alias + ", ", "see " + term.title)))
                }
            }
            rows.sort { AlphabeticalOrder.precedes($0.sortKey, $1.sortKey) }
            return [
                "title": .text(vocabulary.title),
                "underline": .text(TextLayout.underline([vocabulary.title], with: "-")),
                "terms": .objects(rows.map { ["line": .text($0.line)] }),
            ]
        })
    }

    /// `label` then `text`, wrapped as one paragraph with continuation lines indented four columns.
    private func line(_ label: String, _ text: String) -> String {
        TextBlockWriter.paragraphLines(label + text, width: width, rest: "    ").joined(separator: "\n")
    }
}
