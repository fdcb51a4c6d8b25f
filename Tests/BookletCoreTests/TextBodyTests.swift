import Testing

@testable import BookletCore

/// Layout rules of the plain-text body renderer, one per test, on a small linked corpus.
@Suite("Text body")
struct TextBodyTests {
    /// Renders `markdown` as an entry body of the valid test corpus at `width` columns.
    static func render(
        _ markdown: String, width: Int = 40, resolved: [String: ResolvedLink] = [:], handoutEntries: Set<Int>? = nil
    ) async throws -> TextBodyRenderer.Output {
        let corpus = try TemporaryCorpus()
        let (booklet, _) = try await corpus.link()
        return TextBodyRenderer.render(
            .parsing(markdown, resolved: resolved),
            options: TextBodyRenderer.Options(
                width: width, references: TextReferences(booklet: booklet, included: handoutEntries)))
    }

    static func text(_ markdown: String, width: Int = 40) async throws -> String {
        try await render(markdown, width: width).main
    }

    @Test func bulletItemsHangUnderTheirMarker() async throws {
        let text = try await Self.text("- one two three four five six seven eight nine ten")
        #expect(text == "• one two three four five six seven\n  eight nine ten")
    }

    @Test func nestedListsIndentFurtherWithTheirOwnBullets() async throws {
        let text = try await Self.text("- a\n  - b\n    - c\n      - d")
        #expect(text == "• a\n  ◦ b\n    ▪ c\n      • d")
    }

    @Test func orderedListsKeepTheirStartAndAlignNumbers() async throws {
        let text = try await Self.text("9. nine\n10. ten")
        #expect(text == " 9. nine\n10. ten")
    }

    @Test func looseListsSeparateItemsWithBlankLines() async throws {
        let text = try await Self.text("- a\n\n- b")
        #expect(text == "• a\n\n• b")
    }

    @Test func blockQuotesAreIndentedBehindABar() async throws {
        let text = try await Self.text("> quoted words that wrap past the width of the line")
        #expect(text == "| quoted words that wrap past the width\n| of the line")
    }

    @Test func codeBlocksAreVerbatimAndNeverWrapped() async throws {
        let long = String(repeating: "x ", count: 40)
        let text = try await Self.text("```\n  \(long)\n*not emphasis*\n```")
        #expect(text == "      \(long.trimmingSpaces)\n    *not emphasis*")
    }

    @Test func headingsAreUnderlinedLines() async throws {
        let text = try await Self.text("## Why *now*\n\ntext\n\n### Details")
        #expect(text == "Why now\n~~~~~~~\n\ntext\n\nDetails\n.......")
    }

    @Test func emphasisAndCodeSpansLoseTheirMarks() async throws {
        let text = try await Self.text("*a* **b** `c` ***d*** _e_")
        #expect(text == "a b c d e")
    }

    @Test func thematicBreaksAreCentredStars() async throws {
        let text = try await Self.text("a\n\n---\n\nb", width: 11)
        #expect(text == "a\n\n   * * *\n\nb")
    }

    @Test func crossReferencesNameTheEntryNumberAndTitle() async throws {
        let output = try await Self.render(
            "Read [this](x.md) and [Shutting up](y.md).",
            resolved: ["x.md": .entry(2, fragment: nil), "y.md": .entry(2, fragment: nil)])
        #expect(output.main == "Read this (see 2.1, Shutting up) and\nShutting up (see 2.1).")
    }

    @Test func crossReferencesToAHeadingNameTheHeading() async throws {
        let output = try await Self.render(
            "[why](y.md#why)", width: 72, resolved: ["y.md#why": .entry(2, fragment: "why")])
        #expect(output.main == "why (see 2.1, Shutting up: Why)")
    }

    @Test func handoutReferencesSayWhenTheEntryIsOnlyInTheBooklet() async throws {
        let output = try await Self.render(
            "[a](a.md) [b](b.md)", width: 200,
            resolved: ["a.md": .entry(0, fragment: nil), "b.md": .entry(2, fragment: nil)], handoutEntries: [0])
        #expect(output.main == "a (see Confidentiality) b (see 2.1, Shutting up, in Test Booklet)")
    }

    @Test func termLinksReadAsTheirText() async throws {
        let output = try await Self.render(
            "the [frame](topics:the-frame).", resolved: ["topics:the-frame": .term(vocabulary: 0, term: 1)])
        #expect(output.main == "the frame.")
    }

    @Test func externalLinksBecomeNumberedNotes() async throws {
        let output = try await Self.render(
            "[one](https://a.example) [two](https://b.example) [again](https://a.example) <https://c.example>",
            width: 72,
            resolved: [
                "https://a.example": .external("https://a.example"),
                "https://b.example": .external("https://b.example"),
                "https://c.example": .external("https://c.example"),
            ])
        #expect(output.main == "one [1] two [2] again [1] https://c.example")
        #expect(output.notes == ["https://a.example", "https://b.example"])
    }

    @Test func rawHTMLShowsOnlyItsText() async throws {
        let text = try await Self.text(
            "<div class=\"x\">Tom &amp; <b>Jerry</b></div>\n\nend <span>inline</span>.\n\n<!-- note -->")
        #expect(text == "Tom & Jerry\n\nend inline.")
    }

    @Test func comparisonColumnsAreRenderedApart() async throws {
        let corpus = try TemporaryCorpus()
        let (booklet, _) = try await corpus.link()
        let output = TextBodyRenderer.render(
            .parsing("intro\n\n## B\n\nbee\n\n## A\n\nay\n\n- one\n- two\n\n## B\n\nbuzz"),
            options: TextBodyRenderer.Options(
                width: 40, references: TextReferences(booklet: booklet),
                columns: ["A", "B", "A column heading that is long enough to wrap", "Absent"]))
        #expect(output.main == "intro")
        // Each column under its heading, in the configured order, even when the body has none;
        // a heading the body repeats is not written twice.
        #expect(
            output.columns == [
                "A\n~\n\nay\n\n• one\n• two", "B\n~\n\nbee\n\nbuzz",
                "A column heading that is long enough to\nwrap\n" + String(repeating: "~", count: 39), "Absent\n~~~~~~",
            ])
    }

    @Test func tenThousandNestedQuotesRenderWithoutOverflowAndKeepRoomForText() async throws {
        let depth = 10_000
        let markdown = String(repeating: "> ", count: depth) + "deep words"
        let text = try await Self.text(markdown)
        #expect(text.hasSuffix("deep words"))
        #expect(TextLayout.width(of: text) <= 40)
    }

    @Test func tenThousandNestedListsKeepTheInnermostMarkerAndRoomForText() async throws {
        let markdown = String(repeating: "- ", count: 10_000) + "x"
        let text = try await Self.text(markdown)
        #expect(!text.contains("\n"))
        #expect(text.hasSuffix("• x") || text.hasSuffix("◦ x") || text.hasSuffix("▪ x"))
        #expect(TextLayout.width(of: text) <= 40)
    }
}

@Suite("Text references")
struct TextReferenceFoldingTests {
    @Test func asciiFoldingMatchesUnicodeProperties() {
        for value in 0..<128 {
            let text = "A" + String(UnicodeScalar(UInt8(value))) + "z"
            // Past the ASCII table: a non-ASCII letter sends the text down the Unicode path.
            let unicode = Words.comparable(text + "é")
            #expect(Words.comparable(text) + "é" == unicode, "\(value)")
        }
        #expect(Words.comparable("The Frame: rules, (and) $5 + 2 = <7>!") == "theframerulesand$5+2=<7>")
        #expect(Words.comparable("The Frame’s « rules »") == Words.comparable("the frame's rules"))
    }
}
