import Foundation

/// The searchable words of every entry body, for the search index: for each word, the
/// entries holding it. The parse stage hands each body's text to a `Collector` as it
/// parses, so the bodies' text is not kept until the index is written (half the memory of
/// a large corpus); what a word is, which are left out and how postings are encoded is
/// the search index's business, all in this file.
public struct BodyWords: Sendable {
    /// Word -> the entries (indexes) whose bodies hold it.
    var runs: [String: PostingsRun] = [:]

    /// No words.
    public init() {}

    /// The words of a block of consecutive entries, handed over in reading order.
    struct Collector: Sendable {
        private var postings = WordPostings()

        /// Records the searchable words of `text`, the body of the entry at `position`
        /// (not below any added before).
        mutating func add(_ text: String, of position: Int) {
            Words.forEachSearchable(in: text, longest: SearchIndex.longestWord) { postings.post($0, position: position) }
        }

        fileprivate func finished() -> [String: PostingsRun] { postings.runs() }
    }

    /// The words of `blocks`, each block's entries following the previous block's.
    init(joining blocks: [Collector]) {
        var runsByWord: [String: [PostingsRun]] = [:]
        for block in blocks {
            for (word, run) in block.finished() { runsByWord[word, default: []].append(run) }
        }
        runs = runsByWord.mapValues(PostingsRun.init(joining:))
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
