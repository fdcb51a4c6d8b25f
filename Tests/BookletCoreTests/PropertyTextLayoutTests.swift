import PropertyBased
import Testing

@testable import BookletCore

/// Words, spaces and the characters that make wrapping hard: wide CJK, emoji, combining
/// marks, no-break spaces, tabs, control characters and very long words.
enum WrapGen {
    static let pieces: [String] = [
        "a", "the", "group", "Balint", "countertransference", " ", " ", " ", "  ", "\t", "\n", "-", "—",
        "\u{00A0}", "\u{202F}", "\u{3000}", "日本語", "漢", "字", "。", "「", "」", "한국어", "😀", "👩‍⚕️", "e\u{0301}",
        "\u{200B}", "\u{0007}", "https://example.com/a/very/long/path/that/cannot/break",
        String(repeating: "x", count: 90),
    ]
    static let text = Gen<String?>.element(of: pieces).map { $0! }.array(of: 0...60).map { $0.joined() }
    static let width = Gen<Int>.int(in: 1...120)
}

/// Mostly simple prose (ASCII, Latin-1, curly quotes and dashes), now and then a character
/// that sends a line down the general path.
enum SimpleWrapGen {
    static let simple: [String] =
        [
            "a", "the", "Balint", "group’s", "“quoted”", "café", "naïve", "–", "—", "…", "¿Qué?", "©", "x\u{7}y", " ",
            "  ", "\t",
        ]
        + [String(repeating: "w", count: 30)]
    static let other: [String] = ["\u{00A0}", "\u{00AD}", "漢字", "e\u{0301}", "😀", "\u{2028}", "\u{2030}"]
    static let text = Gen<String?>.element(of: simple + simple + simple + other).map { $0! }.array(of: 0...40)
        .map { $0.joined() }
}

@Suite("Property: plain-text wrapping")
struct PropertyTextLayoutTests {
    @Test func simplePathWrapsLikeTheGeneralPath() async {
        await propertyCheck(count: 3_000, input: SimpleWrapGen.text, WrapGen.width, WrapGen.width) {
            text, width, first in
            let lines = ["", text, text + "\n" + text].map {
                TextLayout.wrap($0, width: width, firstWidth: first)
                    == TextLayout.wrap(
                        $0, width: width, firstWidth: first, simplePath: false)
            }
            #expect(lines.allSatisfy { $0 }, "\(text.debugDescription) at \(width)/\(first)")
        }
    }

    @Test func everySimpleCharacterIsOneUnbreakableColumn() {
        // The simple path's assumptions, checked against the general path's rules.
        let scalars = Array(0xA1...0xFF).filter { $0 != 0xAD } + Array(0x2010...0x2027)
        for value in scalars {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = Character(scalar)
            #expect(TextLayout.width(of: character) == 1, "U+\(String(value, radix: 16))")
            let tokens = TextLayout.tokens("a\(character)b")
            #expect(tokens.count == 1 && tokens.first?.width == 3, "U+\(String(value, radix: 16))")
            #expect("a\(character)".count == 2, "U+\(String(value, radix: 16)) joins the letter before it")
        }
    }

    /// Non-whitespace scalars in order: what a reader must still find after wrapping.
    /// (By scalar: a combining mark after a tab joins the space that replaces it.)
    static func ink(_ text: some StringProtocol) -> [Unicode.Scalar] {
        Array(text.unicodeScalars.filter { !$0.properties.isWhitespace })
    }

    /// The input's unbreakable runs, as wrapping prints them (no-break spaces as spaces).
    static func words(_ text: String) -> Set<String> {
        Set(
            text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
                TextLayout.tokens($0).map { String($0.text.map { "\u{00A0}\u{202F}\u{2007}".contains($0) ? " " : $0 }) }
            })
    }

    @Test func wrappedLinesFitExceptSingleLongWords() async {
        await propertyCheck(count: 1_500, input: WrapGen.text, WrapGen.width, WrapGen.width) { text, width, first in
            let lines = TextLayout.wrap(text, width: width, firstWidth: first)
            let words = Self.words(text)
            for (index, line) in lines.enumerated() {
                let limit = max(1, index == 0 ? first : width)
                if TextLayout.width(of: line) > limit {
                    #expect(
                        words.contains(line),
                        "line \(index) '\(line)' is \(TextLayout.width(of: line)) > \(limit) columns and breakable")
                }
            }
        }
    }

    @Test func wrappingLosesNoText() async {
        await propertyCheck(count: 1_500, input: WrapGen.text, WrapGen.width) { text, width in
            let lines = TextLayout.wrap(text, width: width)
            #expect(Self.ink(lines.joined(separator: "\n")) == Self.ink(text))
            #expect(lines.count >= text.filter { $0 == "\n" }.count + 1)
            #expect(lines.allSatisfy { !$0.contains("\n") })
        }
    }

    @Test func wrappingIsIdempotentOnItsOwnOutput() async {
        // No-break spaces are printed as spaces, so a second pass may break there: leave them out.
        let text = WrapGen.text.map { $0.filter { TextLayout.isBreakingSpace($0) || !$0.isWhitespace } }
        await propertyCheck(count: 1_000, input: text, WrapGen.width) { text, width in
            let once = TextLayout.wrap(text, width: width)
            let twice = once.flatMap { TextLayout.wrap($0, width: width) }
            #expect(twice == once)
        }
    }
}
