/// Display widths and word wrapping for the plain-text outputs.
///
/// Widths are counted per grapheme cluster as a terminal shows it: East Asian Wide and
/// Fullwidth characters and emoji take two columns, combining marks and format characters
/// none, everything else one. No external table: the wide ranges below follow Unicode's
/// EastAsianWidth.txt for the scripts a booklet plausibly contains.
enum TextLayout {
    /// Columns `character` occupies in a monospaced terminal.
    static func width(of character: Character) -> Int {
        // Most text is ASCII: answer without looking up Unicode properties.
        if let ascii = character.asciiValue { return ascii < 0x20 || ascii == 0x7F ? 0 : 1 }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if character == "\u{00A0}" { return 1 }
        if scalars.contains(where: { $0.properties.isEmojiPresentation }) { return 2 }
        if first.properties.isEmoji, scalars.contains("\u{FE0F}") { return 2 }
        switch first.properties.generalCategory {
        case .control, .nonspacingMark, .enclosingMark, .format, .lineSeparator, .paragraphSeparator: return 0
        default: break
        }
        return isWide(first) ? 2 : 1
    }

    /// Columns `text` occupies on one line.
    static func width(of text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// A rule of `character` as wide as the widest of `lines` (at least one column): the
    /// underline of a heading.
    static func underline(_ lines: [String], with character: Character) -> String {
        String(repeating: character, count: max(1, lines.map { width(of: $0) }.max() ?? 1))
    }

    /// `text` broken into lines of at most `width` columns (`firstWidth` for the first).
    ///
    /// Breaks fall on spaces, and between CJK characters (which are written without spaces);
    /// a word wider than the line stays whole on a line of its own. `\n` is a forced break.
    /// No-break spaces keep words together and come out as ordinary spaces.
    static func wrap(_ text: String, width: Int, firstWidth: Int? = nil, simplePath: Bool = true) -> [String] {
        var lines: [String] = []
        for hardLine in text.lineSlices {
            var limit: Int { max(1, lines.isEmpty ? (firstWidth ?? width) : width) }
            if simplePath, let simple = simpleLines(hardLine, firstLimit: limit, limit: max(1, width)) {
                lines += simple
                continue
            }
            let start = lines.count
            var line = ""
            var lineWidth = 0
            for token in tokens(hardLine) {
                let gap = line.isEmpty || !token.spaceBefore ? 0 : 1
                if !line.isEmpty, lineWidth + gap + token.width > limit {
                    lines.append(line)
                    line = token.text
                    lineWidth = token.width
                } else {
                    if gap == 1 { line += " " }
                    line += token.text
                    lineWidth += gap + token.width
                }
            }
            lines.append(line)
            for index in start..<lines.count { lines[index] = withOrdinarySpaces(lines[index]) }
        }
        return lines
    }

    /// `wrap` for one line of simple text, straight on its UTF-8 bytes; nil for any other.
    /// Simple text is ASCII, Latin-1 signs and letters (not the no-break space or soft
    /// hyphen) and U+2010–U+2027 (dashes, curly quotes, ellipsis): one column per character
    /// but ASCII controls (none), no grapheme clusters, breaks only at spaces and tabs. Most
    /// prose is simple; `simplePath: false` in `wrap` gives the general path, for tests.
    private static func simpleLines(_ line: Substring, firstLimit: Int, limit: Int) -> [String]? {
        let lines = line.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            var lines: [String] = []
            var current: [UInt8] = []
            var currentWidth = 0
            var currentLimit = firstLimit
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x20 || byte == 0x09 {
                    index += 1
                    continue
                }
                let start = index
                var width = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == 0x20 || byte == 0x09 { break }
                    if byte < 0x80 {
                        if byte >= 0x20 && byte != 0x7F { width += 1 }
                        index += 1
                    } else if byte == 0xC2 || byte == 0xC3 {
                        // U+00A1...U+00FF but U+00AD.
                        guard index + 1 < bytes.count else { return nil }
                        let scalar = (UInt32(byte & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                        guard scalar >= 0xA1, scalar != 0xAD else { return nil }
                        width += 1
                        index += 2
                    } else if byte == 0xE2 {
                        // U+2010...U+2027: E2 80 90...E2 80 A7.
                        guard index + 2 < bytes.count, bytes[index + 1] == 0x80,
                            (0x90...0xA7).contains(bytes[index + 2])
                        else { return nil }
                        width += 1
                        index += 3
                    } else {
                        return nil
                    }
                }
                if !current.isEmpty {
                    if currentWidth + 1 + width > currentLimit {
                        lines.append(String(decoding: current, as: UTF8.self))
                        current.removeAll(keepingCapacity: true)
                        currentWidth = 0
                        currentLimit = limit
                    } else {
                        current.append(0x20)
                        currentWidth += 1
                    }
                }
                current += bytes[start..<index]
                currentWidth += width
            }
            lines.append(String(decoding: current, as: UTF8.self))
            return lines
        }
        return lines ?? nil
    }

    /// A run of characters that is never broken, and whether a space separates it from the previous one.
    struct Token {
        var text: String
        var width: Int
        var spaceBefore: Bool
    }

    /// Splits one line at spaces and at the break opportunities between CJK characters.
    static func tokens(_ line: Substring) -> [Token] {
        // Split at ASCII spaces byte by byte; only pieces holding other characters (a curly
        // quote, CJK, a no-break space) need the slower per-character path.
        var result: [Token] = []
        for piece in asciiTokens(line) {
            if !piece.text.utf8.contains(where: { $0 >= 0x80 }) {
                result.append(piece)
                continue
            }
            var parts = characterTokens(piece.text[...])
            if !parts.isEmpty { parts[0].spaceBefore = piece.spaceBefore || parts[0].spaceBefore }
            result += parts
        }
        return result
    }

    /// `tokens` for one piece with non-ASCII characters: widths per grapheme, breaks at
    /// Unicode spaces and between CJK characters.
    private static func characterTokens(_ line: Substring) -> [Token] {
        var result: [Token] = []
        var current = ""
        var currentWidth = 0
        var spaceBefore = false
        var previous: Character?
        func finish(nextSpaceBefore: Bool) {
            if !current.isEmpty { result.append(Token(text: current, width: currentWidth, spaceBefore: spaceBefore)) }
            current = ""
            currentWidth = 0
            spaceBefore = nextSpaceBefore
        }
        for character in line {
            if let ascii = character.asciiValue {
                // ASCII: a space or tab breaks; nothing else is CJK, so no other break applies.
                if ascii == 0x20 || ascii == 0x09 {
                    finish(nextSpaceBefore: true)
                    previous = nil
                } else {
                    current.append(character)
                    currentWidth += ascii < 0x20 || ascii == 0x7F ? 0 : 1
                    previous = character
                }
                continue
            }
            if isBreakingSpace(character) {
                finish(nextSpaceBefore: true)
                previous = nil
                continue
            }
            if let before = previous, breaksBetween(before, character) { finish(nextSpaceBefore: false) }
            current.append(character)
            currentWidth += width(of: character)
            previous = character
        }
        finish(nextSpaceBefore: false)
        return result
    }

    /// `tokens` for ASCII text: words between spaces and tabs, one column per printable byte.
    private static func asciiTokens(_ line: Substring) -> [Token] {
        var result: [Token] = []
        var start: Substring.UTF8View.Index?
        var width = 0
        var spaceBefore = false
        let bytes = line.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 {
                if let first = start {
                    result.append(Token(text: String(line[first..<index]), width: width, spaceBefore: spaceBefore))
                    start = nil
                    width = 0
                }
                spaceBefore = true
            } else {
                if start == nil { start = index }
                if byte >= 0x20 && byte != 0x7F { width += 1 }
            }
            index = bytes.index(after: index)
        }
        if let first = start {
            result.append(Token(text: String(line[first..<bytes.endIndex]), width: width, spaceBefore: spaceBefore))
        }
        return result
    }

    /// Whitespace a line may break at (not the no-break spaces).
    static func isBreakingSpace(_ character: Character) -> Bool {
        // A space carrying a combining mark is one Character whose first scalar is a space;
        // breaking there would drop the mark, so only a lone whitespace scalar breaks.
        guard character.isWhitespace, character.unicodeScalars.count == 1 else { return false }
        return !noBreakSpaces.contains(character)
    }

    // (U+2060 WORD JOINER is not a space: it is zero-width, never breaks, and is kept as written.)
    private static let noBreakSpaces: Set<Character> = ["\u{00A0}", "\u{202F}", "\u{2007}"]

    private static func withOrdinarySpaces(_ line: String) -> String {
        // Byte by byte: smart quotes and dashes share the no-break spaces' lead bytes, so
        // a test on those alone would send most lines down the per-Character path.
        let replaced = line.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var output: [UInt8] = []
            var index = 0
            var copied = 0
            while index < bytes.count {
                let length = noBreakSpaceLength(bytes, at: index)
                if length == 0 {
                    index += 1
                    continue
                }
                // A mark after it would make one Character of the two: not a no-break space.
                if index + length < bytes.count, bytes[index + length] >= 0x80 { return characterwise(line) }
                if output.isEmpty { output.reserveCapacity(bytes.count) }
                output += bytes[copied..<index]
                output.append(0x20)
                index += length
                copied = index
            }
            guard copied > 0 else { return line }
            output += bytes[copied...]
            return String(decoding: output, as: UTF8.self)
        }
        return (replaced ?? nil) ?? characterwise(line)
    }

    private static func characterwise(_ line: String) -> String {
        guard line.contains(where: { noBreakSpaces.contains($0) }) else { return line }
        return String(line.map { noBreakSpaces.contains($0) ? " " : $0 })
    }

    /// The UTF-8 length of the no-break space (U+00A0, U+202F, U+2007) at `index`, or 0.
    private static func noBreakSpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0xA0 ? 2 : 0
        case 0xE2:
            guard index + 2 < bytes.count, bytes[index + 1] == 0x80 else { return 0 }
            return bytes[index + 2] == 0xAF || bytes[index + 2] == 0x87 ? 3 : 0
        default: return 0
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) code points, outside emoji (handled apart).
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
            0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Han, kana and CJK punctuation: scripts written without spaces between words.
    private static func isCJK(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x2E80...0x2FFF, 0x3000...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
            0xFF00...0xFF60, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Closing punctuation and marks that must not start a line (a small kinsoku set).
    private static let noLineStart: Set<Character> = Set("、。，．：；？！）」』】〕〉》ー・…々ゝゞヽヾ")
    /// Opening brackets that must not end a line.
    private static let noLineEnd: Set<Character> = Set("（「『【〔〈《")

    private static func breaksBetween(_ before: Character, _ after: Character) -> Bool {
        isCJK(before) && isCJK(after) && !noLineStart.contains(after) && !noLineEnd.contains(before)
            && before != "\u{3000}" && after != "\u{3000}"
    }
}
