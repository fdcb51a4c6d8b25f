import Foundation

/// The offline search index, written as `search-index.js` that assigns a global, because
/// browsers refuse `fetch()` of local files opened from `file://`.
///
/// Shape (read by `assets/booklet.js`):
/// ```
/// window.BOOKLET_SEARCH_INDEX = {
///   "version": 2,
///   "sections": ["Introductions", ...],
///   "stop": ["the", ...],                       // words the body index leaves out
///   "docs": [[url, number, title, section, summary, terms, headings, lead], ...],
///   "words": {"budapest": "0,3,b", ...}         // body word -> entry numbers
/// }
/// ```
/// Titles, summaries, term titles (with aliases) and headings are kept as text: they are
/// short, ranked highest and shown in results. Body text is kept only as an inverted index
/// (each distinct word once, with the ascending entry positions delta-encoded in base 36),
/// so the index grows with the vocabulary and the number of distinct words per entry,
/// not with the length of the text: about 1/4 of the full-text size on 10,000 entries.
/// The body words are handed over while the bodies are parsed (`BodyWords`), so the bodies'
/// text is not kept until this index is written.
struct SearchIndex {
    let booklet: LinkedBooklet

    /// Longest word indexed; longer runs are identifiers or noise.
    static let longestWord = 32
    /// Frequent English function words: in nearly every entry, they would only add
    /// postings. The search script drops them from queries too.
    static let stopWords: [String] = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
        "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "not", "of", "on", "or",
        "she", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they",
        "this", "to", "was", "we", "were", "which", "who", "will", "with", "you",
    ]

    /// Text of about this many bytes is handed to `write` at once.
    static let partSize = 1 << 20

    /// Hands the index to `write` in consecutive parts of about `partSize` bytes, so a
    /// large booklet's index (a hundred megabytes at 100,000 entries) is never held whole.
    func write<Failure: Error>(partSize: Int = partSize, _ write: (String) throws(Failure) -> Void)
        async throws(Failure)
    {
        let index = self
        var text = "window.BOOKLET_SEARCH_INDEX = {\"version\":2,\n\"sections\":"
        text += JSONText.array(booklet.sections.map { JSONText.string($0.section.title) })
        text += ",\n\"stop\":" + JSONText.array(Self.stopWords.map(JSONText.string)) + ",\n\"docs\":[\n"
        var first = true
        func append(_ piece: String) throws(Failure) {
            text += piece
            if text.utf8.count >= partSize {
                try write(text)
                text = ""
            }
        }
        try await Array(booklet.entries.indices).concurrentForEachChunk(chunkSize: 256) {
            index.document(for: $0)
        } consume: { (documents) throws(Failure) in
            for document in documents {
                try append(first ? document : ",\n" + document)
                first = false
            }
        }
        try append("],\n\"words\":{\n")
        first = true
        for (word, run) in booklet.bodyWords.runs.sorted(by: { $0.key < $1.key }) {
            try append((first ? "" : ",\n") + JSONText.string(word) + ":\"" + run.text + "\"")
            first = false
        }
        try write(text + "}};\n")
    }

    /// Entry `index`'s row of `docs`.
    private func document(for index: Int) -> String {
        let links = PageLinks(depth: 0)
        let entry = booklet.entries[index]
        let terms = entry.terms.map { reference -> String in
            let term = booklet.vocabularies[reference.vocabulary].vocabulary.terms[reference.term]
            return ([term.title] + term.aliases).joined(separator: " · ")
        }
        let headings = entry.document.headings.map(\.text)
        let summary = entry.source.summary ?? ""
        return JSONText.array([
            JSONText.string(links.entryHref(index, in: booklet)),
            JSONText.string(entry.number),
            JSONText.string(entry.title),
            String(entry.section),
            JSONText.string(summary),
            JSONText.string(terms.joined(separator: " · ")),
            JSONText.string(headings.joined(separator: " · ")),
            JSONText.string(summary.isBlank ? entry.document.lead : ""),
        ])
    }

    private static let stopWordSet = Set(stopWords)
    private static let longestStopWord = stopWords.map(\.utf8.count).max() ?? 0

    /// True for the words the body index leaves out.
    static func isStopWord(_ word: String) -> Bool {
        word.utf8.count <= longestStopWord && stopWordSet.contains(word)
    }
}
