import Testing

@testable import BookletCore

@Suite("Text layout")
struct TextLayoutTests {
    @Test func asciiAndAccentedLettersTakeOneColumn() {
        #expect(TextLayout.width(of: "cafe") == 4)
        #expect(TextLayout.width(of: "café") == 4)
        #expect(TextLayout.width(of: "cafe\u{301}") == 4)  // decomposed accent
        #expect(TextLayout.width(of: "Núñez") == 5)
    }

    @Test func cjkAndFullwidthTakeTwoColumns() {
        #expect(TextLayout.width(of: "東京") == 4)
        #expect(TextLayout.width(of: "かな") == 4)
        #expect(TextLayout.width(of: "한국") == 4)
        #expect(TextLayout.width(of: "ＡＢ") == 4)
        #expect(TextLayout.width(of: "。") == 2)
    }

    @Test func emojiTakeTwoColumnsWhateverTheirClusters() {
        #expect(TextLayout.width(of: "🎉") == 2)
        #expect(TextLayout.width(of: "👨‍👩‍👧") == 2)  // ZWJ sequence
        #expect(TextLayout.width(of: "🇯🇵") == 2)  // flag
        #expect(TextLayout.width(of: "👍🏽") == 2)  // skin tone
        #expect(TextLayout.width(of: "❤️") == 2)  // text emoji with VS16
        #expect(TextLayout.width(of: "❤") == 1)  // text presentation
    }

    @Test func controlAndFormatCharactersTakeNoColumns() {
        #expect(TextLayout.width(of: "a\u{200B}b") == 2)
        #expect(TextLayout.width(of: "\u{301}") == 0)
    }

    @Test func wrapsOnWordBoundariesAtTheWidth() {
        #expect(TextLayout.wrap("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(TextLayout.wrap("one two", width: 7) == ["one two"])
    }

    @Test func aWordLongerThanTheWidthStaysWhole() {
        #expect(TextLayout.wrap("a Donaudampfschiff b", width: 5) == ["a", "Donaudampfschiff", "b"])
    }

    @Test func wrapsByDisplayWidthNotCharacterCount() {
        // Each ideograph is two columns; a break may fall between any two of them.
        #expect(TextLayout.wrap("東京大阪京都", width: 8) == ["東京大阪", "京都"])
        #expect(TextLayout.wrap("🎉 🎉 🎉", width: 5) == ["🎉 🎉", "🎉"])
        #expect(TextLayout.wrap("éé éé éé", width: 5) == ["éé éé", "éé"])
    }

    @Test func closingPunctuationNeverStartsALine() {
        let lines = TextLayout.wrap("東京。大阪", width: 4)
        #expect(lines.allSatisfy { !$0.hasPrefix("。") })
    }

    @Test func noBreakSpacesHoldWordsTogetherAndPrintAsSpaces() {
        #expect(TextLayout.wrap("aa see\u{A0}3.2 bb", width: 8) == ["aa", "see 3.2", "bb"])
    }

    @Test func newlinesForceBreaksAndSpacesCollapse() {
        #expect(TextLayout.wrap("a  b\nc", width: 40) == ["a b", "c"])
    }

    @Test func theFirstLineMayHaveItsOwnWidth() {
        #expect(TextLayout.wrap("aa bb cc dd", width: 5, firstWidth: 2) == ["aa", "bb cc", "dd"])
    }
}

@Suite("No-break spaces in wrapped lines")
struct NoBreakSpaceTests {
    @Test func everyNoBreakSpaceBecomesASpaceNextToSmartPunctuation() {
        let text = "“Quoted”\u{00A0}word — and\u{202F}more’s\u{2007}end\u{00A0}"
        #expect(TextLayout.wrap(text, width: 80) == ["“Quoted” word — and more’s end "])
    }

    @Test func aNoBreakSpaceCarryingAMarkIsKept() {
        // One Character: the space with its mark is not a no-break space on its own.
        #expect(TextLayout.wrap("a\u{00A0}\u{0301}b", width: 80) == ["a\u{00A0}\u{0301}b"])
    }
}
