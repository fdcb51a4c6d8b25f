/// Finds mentions of term titles and aliases in prose, for linking the first mention of
/// each term in an entry to its term page.
///
/// Matching is case-insensitive on whole words (a phrase must start and end at word
/// boundaries), treats the typographic apostrophe as `'`, and prefers the longest phrase.
public struct TermMentions: Sendable {
    struct Phrase: Sendable {
        var scalars: [Unicode.Scalar]
        var term: TermReference
    }

    /// Phrases keyed by their first (folded) scalar, longest first.
    private let phrasesByFirst: [Unicode.Scalar: [Phrase]]
    /// The same for ASCII first scalars, indexed by their value: most words start with one,
    /// and an array index is much cheaper than hashing at every word of every entry.
    private let phrasesByASCIIFirst: [[Phrase]]
    /// Phrases that are ASCII once folded, as bytes, by their first two bytes (`b0 << 7 | b1`;
    /// every phrase has at least three): text nodes are nearly always ASCII (cmark makes
    /// smart quotes nodes of their own), matching their bytes needs no allocation, and two
    /// bytes leave about one candidate per word instead of every phrase of its letter.
    private let asciiPhrasesByFirstTwo: [[(bytes: [UInt8], term: TermReference)]]

    /// The longest title or alias looked for in prose, in scalars. Matching compares at
    /// most this many scalars per candidate at each word, so a pasted 100 KB alias cannot
    /// make linking quadratic in the text; a longer one is still the term's name, but its
    /// mentions are not linked.
    public static let longestPhrase = 120

    /// A matcher for every term title and alias of `vocabularies`.
    public init(vocabularies: [LinkedVocabulary]) {
        var byFirst: [Unicode.Scalar: [Phrase]] = [:]
        for (v, linked) in vocabularies.enumerated() {
            for (t, term) in linked.vocabulary.terms.enumerated() {
                for text in [term.title] + term.aliases {
                    let scalars = text.unicodeScalars.map(Words.fold)
                    guard let first = scalars.first, scalars.count >= 3, scalars.count <= Self.longestPhrase else {
                        continue
                    }
                    byFirst[first, default: []].append(
                        Phrase(scalars: scalars, term: TermReference(vocabulary: v, term: t)))
                }
            }
        }
        let sorted = byFirst.mapValues { phrases in
            phrases.sorted {
                $0.scalars.count != $1.scalars.count
                    ? $0.scalars.count > $1.scalars.count
                    : ($0.term.vocabulary, $0.term.term) < ($1.term.vocabulary, $1.term.term)
            }
        }
        phrasesByFirst = sorted
        phrasesByASCIIFirst = (0..<128).map { sorted[Unicode.Scalar(UInt8($0))] ?? [] }
        var byFirstTwo = [[(bytes: [UInt8], term: TermReference)]](repeating: [], count: 128 * 128)
        for phrases in phrasesByASCIIFirst {
            // Already longest first, so each bucket is too.
            for phrase in phrases where phrase.scalars.allSatisfy(\.isASCII) {
                let bytes = phrase.scalars.map { UInt8(truncatingIfNeeded: $0.value) }
                byFirstTwo[Int(bytes[0]) << 7 | Int(bytes[1])].append((bytes, phrase.term))
            }
        }
        asciiPhrasesByFirstTwo = byFirstTwo
    }

    /// A match: the range of the phrase in the text and the term it names.
    public struct Match: Sendable, Equatable {
        public var range: Range<String.Index>
        public var term: TermReference
    }

    /// Matches in `text`, left to right, longest phrase first. A phrase whose term `wanted`
    /// refuses is still passed over whole, so no shorter term inside it is linked. Returned
    /// matches never overlap.
    public func matches(in text: String, wanted: (TermReference) -> Bool) -> [Match] {
        guard !phrasesByFirst.isEmpty else { return [] }
        // ASCII text (nearly every text node: cmark makes smart quotes nodes of their own)
        // is matched on its bytes, without allocating; byte offsets are then indexes.
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> [(Range<Int>, TermReference)]? in
            bytes.contains { $0 >= 0x80 } ? nil : asciiMatches(in: bytes, wanted: wanted)
        }
        if let ascii, let ascii {
            let utf8 = text.utf8
            return ascii.map { range, term in
                Match(
                    range: utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
                        ..< utf8.index(utf8.startIndex, offsetBy: range.upperBound),
                    term: term)
            }
        }
        let indices = Array(text.unicodeScalars.indices) + [text.endIndex]
        return scalarMatches(in: text.unicodeScalars.map(Words.fold), wanted: wanted).map { range, term in
            Match(range: indices[range.lowerBound]..<indices[range.upperBound], term: term)
        }
    }

    /// `matches` in ASCII bytes, as byte ranges.
    private func asciiMatches(in bytes: UnsafeBufferPointer<UInt8>, wanted: (TermReference) -> Bool)
        -> [(Range<Int>, TermReference)]
    {
        var result: [(Range<Int>, TermReference)] = []
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard index == 0 || !Words.isWordByte(bytes[index - 1]), index + 1 < bytes.count else { continue }
            let first = Words.fold(bytes[index])
            let second = Words.fold(bytes[index + 1])
            for phrase in asciiPhrasesByFirstTwo[Int(first) << 7 | Int(second)] {
                let end = index + phrase.bytes.count
                guard end <= bytes.count, end == bytes.count || !Words.isWordByte(bytes[end]) else { continue }
                var equal = true
                for offset in 2..<phrase.bytes.count where Words.fold(bytes[index + offset]) != phrase.bytes[offset] {
                    equal = false
                    break
                }
                guard equal else { continue }
                // The longest phrase written here wins even when its term is not wanted
                // (already linked): a shorter term inside it is part of another name.
                if wanted(phrase.term) { result.append((index..<end, phrase.term)) }
                index = end - 1
                break
            }
        }
        return result
    }

    /// `matches` in folded scalars, as scalar ranges.
    private func scalarMatches(in folded: [Unicode.Scalar], wanted: (TermReference) -> Bool)
        -> [(Range<Int>, TermReference)]
    {
        var result: [(Range<Int>, TermReference)] = []
        var index = 0
        while index < folded.count {
            defer { index += 1 }
            guard index == 0 || !Self.isWordScalar(folded[index - 1]) else { continue }
            let first = folded[index]
            let candidates = first.isASCII ? phrasesByASCIIFirst[Int(first.value)] : phrasesByFirst[first] ?? []
            for phrase in candidates {
                let end = index + phrase.scalars.count
                guard end <= folded.count, folded[index..<end].elementsEqual(phrase.scalars),
                    end == folded.count || !Self.isWordScalar(folded[end])
                else { continue }
                if wanted(phrase.term) { result.append((index..<end, phrase.term)) }
                index = end - 1
                break
            }
        }
        return result
    }

    /// A phrase's words run on over alphabetic marks (Indic vowel signs), so a name is not
    /// found inside a longer word.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        Words.isWordScalar(scalar, joiningMarks: true)
    }
}
