/// The parse stage: every entry body parsed once with cmark (in parallel), into the
/// documents the linker and the renderers read, and its words handed to the search index.
enum BodyParser {
    /// Entries parsed per block; a block's words are collected on its own core.
    static let blockSize = 512

    /// Parses every entry body: `documents[i]` is `entries[i]`'s, and `words` the search
    /// index's postings of all of them.
    static func parse(_ entries: [EntrySource]) async -> (documents: [EntryDocument], words: BodyWords) {
        let count = entries.count
        let blocks = await Array(stride(from: 0, to: count, by: blockSize)).concurrentMap { start in
            var documents: [EntryDocument] = []
            var words = BodyWords.Collector()
            for position in start..<min(start + blockSize, count) {
                let entry = entries[position]
                let (document, text) = EntryDocument.scanWithText(
                    markdown: entry.body, lineOffset: entry.bodyLineOffset, path: entry.path)
                documents.append(document)
                words.add(text, of: position)
            }
            return (documents: documents, words: words)
        }
        var documents: [EntryDocument] = []
        documents.reserveCapacity(count)
        for block in blocks { documents += block.documents }
        return (documents, BodyWords(joining: blocks.map(\.words)))
    }
}
