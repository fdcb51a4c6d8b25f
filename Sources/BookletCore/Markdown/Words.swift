import Foundation

/// What Booklet counts as a word and how it compares text without case: the one definition
/// behind the search index, term mentions, cross-reference text and term lookups.
///
/// - A word is a run of letters and numbers (Unicode general categories L* and N*, as
///   `[\p{L}\p{N}]` in the search script).
/// - Folding maps each scalar to its lowercase (the first scalar of it when Unicode gives
///   several, so `İ` folds to `i`) and the curly apostrophes `’` `‘` to `'`. It keeps one
///   scalar per scalar, so positions in folded text are positions in the text.
///
/// Every function answers ASCII bytes from a table first: nearly all text is ASCII, and
/// these run at every word of every entry.
enum Words {
    /// `scalar` folded: lowercase, curly apostrophes as `'`.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII { return Unicode.Scalar(fold(UInt8(truncatingIfNeeded: scalar.value))) }
        if scalar == "\u{2019}" || scalar == "\u{2018}" { return "'" }
        return scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }

    /// An ASCII byte folded (lowercase).
    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// Each scalar of `text` folded.
    static func fold(_ text: String) -> String {
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ bytes -> String? in
            bytes.contains { $0 >= 0x80 } ? nil : String(decoding: bytes.lazy.map { fold($0) }, as: UTF8.self)
        }), let ascii {
            return ascii
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(fold(scalar)) }
        return String(scalars)
    }

    /// True for an ASCII letter or digit, the ASCII part of `isWordScalar`.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// True for a letter or number. With `joiningMarks`, also for the marks Unicode counts
    /// as alphabetic (the vowel signs of Indic scripts): term mentions need them so a name
    /// is not found inside a longer word, while the search script splits at them.
    static func isWordScalar(_ scalar: Unicode.Scalar, joiningMarks: Bool = false) -> Bool {
        if scalar.isASCII { return isWordByte(UInt8(truncatingIfNeeded: scalar.value)) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return joiningMarks && scalar.properties.isAlphabetic
        }
    }

    /// `text` folded with whitespace and punctuation (general categories P*) left out: link
    /// text compared with a title, so "the frame." repeats "The Frame".
    static func comparable(_ text: String) -> String {
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ bytes -> String? in
            if bytes.contains(where: { $0 >= 0x80 }) { return nil }
            return String(decoding: bytes.compactMap { asciiDropped[Int($0)] ? nil : fold($0) }, as: UTF8.self)
        }), let ascii {
            return ascii
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace && !isPunctuation(scalar) {
            scalars.append(fold(scalar))
        }
        return String(scalars)
    }

    /// ASCII whitespace and punctuation (P*; `$+<=>^`|~` are symbols), by byte.
    private static let asciiDropped: [Bool] = {
        let dropped = Set(" \t\n\r\u{0B}\u{0C}!\"#%&'()*,-./:;?@[\\]_{}".utf8)
        return (0..<128).map { dropped.contains(UInt8($0)) }
    }()

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// Calls `body` with the UTF-8 bytes of each searchable word of `text`, in order: the
    /// words folded, accents removed (decomposed, U+0300–U+036F dropped), as the search
    /// script splits queries; words longer than `longest` scalars are left out.
    static func forEachSearchable(in text: String, longest: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        // Byte by byte over the text's own storage: runs between ASCII separators that are
        // pure ASCII (nearly all of them) are folded into a small buffer; a run with other
        // characters (a curly quote, an accent) goes through the Unicode path alone.
        var text = text
        text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longest) { lower in
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
                        guard length <= longest else { return }
                        for offset in 0..<length { lower[offset] = fold(bytes[start + offset]) }
                        body(UnsafeBufferPointer(rebasing: lower[0..<length]))
                    } else {
                        let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                        for word in unicodeSearchables(run, longest: longest) {
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

    /// `forEachSearchable` for a run with non-ASCII characters.
    private static func unicodeSearchables(_ text: String, longest: Int) -> [String] {
        var result: [String] = []
        var word = String.UnicodeScalarView()
        func flush() {
            if !word.isEmpty && word.count <= longest { result.append(String(word)) }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in withoutAccents(fold(text)).unicodeScalars {
            if isWordScalar(scalar) { word.append(scalar) } else { flush() }
        }
        flush()
        return result
    }

    /// Decomposed, combining accents (U+0300–U+036F) removed: the search script's `fold`
    /// after lowercasing.
    private static func withoutAccents(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars
        where !(0x300...0x36F).contains(scalar.value) {
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
