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
/// The body words are gathered while the bodies are parsed (`BodyWords`), so the bodies'
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

    /// The searchable words of `text`, as the search script splits queries: lowercased,
    /// accents removed, runs of letters and digits.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        forEachWord(in: text) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// Calls `body` with the UTF-8 bytes of each of `text`'s `words`, in order.
    static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        // Byte by byte over the text's own storage: runs between ASCII separators that are
        // pure ASCII (nearly all of them) are lowercased into a small buffer; a run with
        // other characters (a curly quote, an accent) goes through the Unicode path alone.
        var text = text
        text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longestWord) { lower in
                var start = -1
                var isASCII = true
                func flush(_ end: Int) {
                    guard start >= 0 else { return }
                    defer {
                        start = -1
                        isASCII = true
                    }
                    let length = end - start
                    if isASCII {
                        guard length <= longestWord else { return }
                        for offset in 0..<length {
                            let byte = bytes[start + offset]
                            lower[offset] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                        }
                        body(UnsafeBufferPointer(rebasing: lower[0..<length]))
                    } else {
                        let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                        for word in unicodeWords(run) {
                            var word = word
                            word.withUTF8 { body($0) }
                        }
                    }
                }
                for index in 0..<bytes.count {
                    switch bytes[index] {
                    case 0x61...0x7A, 0x30...0x39, 0x41...0x5A:
                        if start < 0 { start = index }
                    case 0x80...0xFF:
                        if start < 0 { start = index }
                        isASCII = false
                    default: flush(index)
                    }
                }
                flush(bytes.count)
            }
        }
    }

    /// `words` for text with non-ASCII characters: folded, split at non-word scalars.
    private static func unicodeWords(_ text: String) -> [String] {
        var result: [String] = []
        var word = String.UnicodeScalarView()
        func flush() {
            if !word.isEmpty && word.count <= longestWord { result.append(String(word)) }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in fold(text).unicodeScalars {
            if isWordScalar(scalar) { word.append(scalar) } else { flush() }
        }
        flush()
        return result
    }

    /// Lowercased, decomposed, combining accents (U+0300–U+036F) removed: the script's `fold`.
    static func fold(_ text: String) -> String {
        let lower = text.lowercased()
        guard lower.utf8.contains(where: { $0 >= 0x80 }) else { return lower }
        var scalars = String.UnicodeScalarView()
        for scalar in lower.decomposedStringWithCanonicalMapping.unicodeScalars
        where !(0x300...0x36F).contains(scalar.value) {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Letters and numbers, like `[\p{L}\p{N}]` in the script.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
