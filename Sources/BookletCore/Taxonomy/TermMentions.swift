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
                    let scalars = Self.fold(text)
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

    /// A match: the range of scalars in the text and the term it names.
    public struct Match: Sendable, Equatable {
        public var range: Range<Int>
        public var term: TermReference
    }

    /// Matches in ASCII text given as bytes; ranges are byte offsets (equal to scalar
    /// offsets for ASCII). Same rules as `matches(in:wanted:)`.
    public func asciiMatches(in bytes: UnsafeBufferPointer<UInt8>, wanted: (TermReference) -> Bool) -> [Match] {
        var result: [Match] = []
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard index == 0 || !Self.isASCIIWordByte(bytes[index - 1]), index + 1 < bytes.count else { continue }
            let first = Self.asciiLowercase(bytes[index])
            let second = Self.asciiLowercase(bytes[index + 1])
            guard first < 0x80, second < 0x80 else { continue }
            for phrase in asciiPhrasesByFirstTwo[Int(first) << 7 | Int(second)] {
                let end = index + phrase.bytes.count
                guard end <= bytes.count, end == bytes.count || !Self.isASCIIWordByte(bytes[end]) else { continue }
                var equal = true
                for offset in 2..<phrase.bytes.count
                where Self.asciiLowercase(bytes[index + offset]) != phrase.bytes[offset] {
                    equal = false
                    break
                }
                guard equal else { continue }
                // The longest phrase written here wins even when its term is not wanted
                // (already linked): a shorter term inside it is part of another name.
                if wanted(phrase.term) { result.append(Match(range: index..<end, term: phrase.term)) }
                index = end - 1
                break
            }
        }
        return result
    }

    private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Matches in `text` (as Unicode scalars), left to right, longest phrase first. A phrase
    /// whose term `wanted` refuses is still passed over whole, so no shorter term inside it
    /// is linked. Returned matches never overlap.
    public func matches(in text: [Unicode.Scalar], wanted: (TermReference) -> Bool) -> [Match] {
        guard !phrasesByFirst.isEmpty else { return [] }
        let folded = text.map(Self.foldScalar)
        var result: [Match] = []
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
                if wanted(phrase.term) { result.append(Match(range: index..<end, term: phrase.term)) }
                index = end - 1
                break
            }
        }
        return result
    }

    static func fold(_ text: String) -> [Unicode.Scalar] { text.unicodeScalars.map(foldScalar) }

    static func foldScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar == "\u{2019}" || scalar == "\u{2018}" { return "'" }
        if scalar.isASCII {
            return ("A"..."Z").contains(scalar) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar
        }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? (lower.first ?? scalar) : scalar
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
