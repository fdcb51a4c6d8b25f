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
        let blank = !summary.unicodeScalars.contains { !$0.properties.isWhitespace }
        return JSONText.array([
            JSONText.string(links.entryHref(index, in: booklet)),
            JSONText.string(entry.number),
            JSONText.string(entry.title),
            String(entry.section),
            JSONText.string(summary),
            JSONText.string(terms.joined(separator: " · ")),
            JSONText.string(headings.joined(separator: " · ")),
            JSONText.string(blank ? entry.document.lead : ""),
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

/// The searchable words of every entry body, gathered while the bodies are scanned, so
/// their text is not kept until the search index is written (half the memory of a large
/// corpus): for each word, the entries holding it.
public struct BodyWords: Sendable {
    /// Word -> the entries (indexes) whose bodies hold it.
    var runs: [String: PostingsRun] = [:]

    public init() {}

    /// Entries scanned per block; a block's words are posted on its own core.
    static let blockSize = 512

    /// Scans every entry body (in parallel): its document, and the words of all of them.
    static func scan(_ entries: [EntrySource]) async -> (documents: [EntryDocument], words: BodyWords) {
        let count = entries.count
        let blocks = await Array(stride(from: 0, to: count, by: blockSize)).concurrentMap { start in
            var documents: [EntryDocument] = []
            var postings = WordPostings()
            for position in start..<min(start + blockSize, count) {
                let entry = entries[position]
                let (document, text) = EntryDocument.scanWithText(
                    markdown: entry.body, lineOffset: entry.bodyLineOffset, path: entry.path)
                documents.append(document)
                SearchIndex.forEachWord(in: text) { postings.post($0, position: position) }
            }
            return (documents: documents, runs: postings.runs())
        }
        var documents: [EntryDocument] = []
        documents.reserveCapacity(count)
        var runsByWord: [String: [PostingsRun]] = [:]
        for block in blocks {
            documents += block.documents
            for (word, run) in block.runs { runsByWord[word, default: []].append(run) }
        }
        var words = BodyWords()
        words.runs = runsByWord.mapValues(PostingsRun.init(joining:))
        return (documents, words)
    }
}

/// Word -> ascending entry positions, for one block of entries. Words arrive as bytes and
/// are told apart by their bytes (FNV-1a hashing, open addressing): a block has a few
/// thousand distinct words but hundreds of thousands of occurrences, and making a
/// `String` of each and hashing it was most of the parse stage's time. Stop words are
/// recognised once, when first seen, and never posted.
struct WordPostings {
    /// The distinct words' bytes, one after another.
    private var bytes: [UInt8] = []
    private var words: [(start: Int, count: Int, hash: UInt64, isStopWord: Bool)] = []
    private var positions: [[Int]] = []
    /// Index into `words`, or -1; the count is a power of two, at most half full.
    private var slots = [Int32](repeating: -1, count: 1024)

    /// Records that the entry at `position` (not below any posted before) holds `word`.
    mutating func post(_ word: UnsafeBufferPointer<UInt8>, position: Int) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let index = Int(slots[slot])
            let known = words[index]
            if known.hash == hash && known.count == word.count && Self.equal(bytes, at: known.start, word) {
                if !known.isStopWord { positions[index].appendIfNew(position) }
                return
            }
            slot = (slot + 1) & mask
        }
        let isStopWord = SearchIndex.isStopWord(String(decoding: word, as: UTF8.self))
        slots[slot] = Int32(words.count)
        words.append((bytes.count, word.count, hash, isStopWord))
        bytes.append(contentsOf: word)
        positions.append(isStopWord ? [] : [position])
        if words.count * 2 > slots.count { grow() }
    }

    private static func equal(_ bytes: [UInt8], at start: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress, let other = word.baseAddress else { return word.isEmpty }
            return memcmp(base + start, other, word.count) == 0
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, word) in words.enumerated() {
            var slot = Int(truncatingIfNeeded: word.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// The postings of every word posted (stop words left out), encoded.
    func runs() -> [String: PostingsRun] {
        var result: [String: PostingsRun] = [:]
        result.reserveCapacity(words.count)
        for (index, word) in words.enumerated() where !word.isStopWord {
            result[String(decoding: bytes[word.start..<(word.start + word.count)], as: UTF8.self)] = PostingsRun(
                positions[index])
        }
        return result
    }
}

/// Ascending entry positions as the index stores them: each the gap after the previous
/// one, less one, in base 36, separated by commas (`0,3,b`); the first counts from -1.
struct PostingsRun: Sendable {
    private(set) var text: String
    /// The last position, which the next run's first gap counts from.
    private(set) var last: Int
    /// The length of the first gap as written (counted from -1); joining rewrites it.
    private var firstGapLength: Int
    private var first: Int

    init(_ positions: [Int]) {
        // Digits written as bytes: a `String(_:radix:)` per posting was most of the cost.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(positions.count * 3)
        var previous = -1
        var firstGapLength = 0
        for position in positions {
            if previous >= 0 { bytes.append(0x2C) }
            Self.appendBase36(position - previous - 1, to: &bytes)
            if previous < 0 { firstGapLength = bytes.count }
            previous = position
        }
        self.text = String(decoding: bytes, as: UTF8.self)
        self.last = previous
        self.first = positions.first ?? 0
        self.firstGapLength = firstGapLength
    }

    /// `value` (not negative) in base 36 with digits `0-9a-z`, as `String(value, radix: 36)`.
    static func appendBase36(_ value: Int, to bytes: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = max(0, value)
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                let digit = UInt8(rest % 36)
                buffer[count] = digit < 10 ? 0x30 + digit : 0x57 + digit
                count += 1
                rest /= 36
            } while rest > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// `runs` (each one's positions following the previous one's) as one run, written
    /// once: appending them one by one would copy a frequent word's text again each time.
    init(joining runs: [PostingsRun]) {
        guard var joined = runs.first else {
            self.init([])
            return
        }
        var bytes: [UInt8] = Array(joined.text.utf8)
        bytes.reserveCapacity(runs.reduce(0) { $0 + $1.text.utf8.count + 8 })
        for next in runs.dropFirst() {
            bytes.append(0x2C)
            Self.appendBase36(next.first - joined.last - 1, to: &bytes)
            bytes += next.text.utf8.dropFirst(next.firstGapLength)
            joined.last = next.last
        }
        joined.text = String(decoding: bytes, as: UTF8.self)
        self = joined
    }
}

extension Array where Element == Int {
    /// Appends `value` unless it is already the last element.
    fileprivate mutating func appendIfNew(_ value: Int) {
        if last != value { append(value) }
    }
}
