import Foundation
import Testing

@testable import BookletCore

/// Smart punctuation for plain YAML values: the same rules cmark applies to Markdown, once,
/// so every output shows the same text.
@Suite("Typography")
struct TypographyTests {
    @Test(arguments: [
        ("\"How To\"", "“How To”"),
        ("The leader's silence", "The leader’s silence"),
        ("'Holding back' and \"waiting\"", "‘Holding back’ and “waiting”"),
        ("1970--1975", "1970–1975"),
        ("Silence --- and after", "Silence — and after"),
        ("Wait...", "Wait…"),
        ("\"Quoted\", she said.", "“Quoted”, she said."),
        ("(\"in brackets\")", "(“in brackets”)"),
        ("'90s groups", "’90s groups"),
        ("a \"quote\nacross lines\" ends", "a “quote\nacross lines” ends"),
        ("No quotes at all", "No quotes at all"),
    ])
    func punctuationIsCurledAndJoined(_ written: String, _ expected: String) {
        #expect(SmartPunctuation.apply(written) == expected)
    }

    /// Titles are text, not Markdown: nothing else is interpreted.
    @Test(arguments: [
        ("*not emphasis* -- \"ok\"", "*not emphasis* – “ok”"),
        ("1. Not a list \"x\"", "1. Not a list “x”"),
        ("- Not a list item \"x\"", "- Not a list item “x”"),
        ("# Not a heading \"x\"", "# Not a heading “x”"),
        ("> Not a quote \"x\"", "> Not a quote “x”"),
        ("<b>bold</b> &amp; \"x\"", "<b>bold</b> &amp; “x”"),
        ("[not a link](x.md) \"x\"", "[not a link](x.md) “x”"),
        ("`code` 'x'", "`code` ‘x’"),
        ("back\\slash \"x\"", "back\\slash “x”"),
        ("    indented \"x\"", "    indented “x”"),
        ("\"x\"\n", "“x”\n"),
        ("2. ... and then", "2. … and then"),
        ("\"a\"\n\n\"b\"", "“a”\n\n“b”"),
        ("\"x\"\n---", "“x”\n-–"),
    ])
    func markupStaysLiteral(_ written: String, _ expected: String) {
        #expect(SmartPunctuation.apply(written) == expected)
    }

    /// Differential: on text without other markup, the result is what cmark --smart makes
    /// of the same text as Markdown.
    @Test(arguments: [
        "\"Don't,\" he said -- 'not now'...",
        "It's the group's \"frame\"---not the leader's.",
        "'Tis \"a\" 'b' \"c's\" d'' \"\"",
        "x\"y\" 'z'w \"'nested'\"",
    ])
    func matchesCmark(_ text: String) {
        let document = CMarkDocument(markdown: text)
        let cmarkText = CMarkNode(pointer: document.root).firstChild?.plainText
        #expect(SmartPunctuation.apply(text) == cmarkText)
    }

    @Test
    func everyOutputShowsTheSameText() async throws {
        let corpus = try TemporaryCorpus([
            "booklet.yml": "title: '\"How To\" -- for leaders'\nsubtitle: The leader's guide\npublisher: A \"society\"\n",
            "moves/shutting-up.md": """
            ---
            title: Shutting up -- "why"
            summary: The leader's silence...
            source: Balint 1957--1964
            topics: [silence, the-frame]
            ---
            The leader is silent.

            ## Why

            Silence lets the group work.
            """,
        ])
        let report = try await corpus.build()
        #expect(report.succeeded)
        let cover = try corpus.outputText("index.html")
        #expect(cover.contains("“How To” – for leaders"))
        #expect(cover.contains("The leader’s guide"))
        #expect(!cover.contains("&quot;How To&quot;"))
        let entry = try corpus.outputText("moves/shutting-up.html")
        #expect(entry.contains("Shutting up – “why”"))
        #expect(entry.contains("The leader’s silence…"))
        #expect(entry.contains("Balint 1957–1964"))
        let text = try corpus.outputText("booklet.txt")
        #expect(text.contains("Shutting up – “why”"))
        #expect(text.contains("Balint 1957–1964"))
        let search = try corpus.outputText("search-index.js")
        #expect(search.contains("Shutting up – “why”"))
    }

    /// A term title is stored curled; a front-matter value written with a straight
    /// apostrophe is still recognised as that title.
    @Test
    func aTermWrittenAsItsTitleWithAnApostropheIsStillFound() {
        let here = SourceLocation(path: "taxonomy.yml", line: 1, column: 1)
        let term = Term(
            id: "leaders-silence", title: SmartPunctuation.apply("The leader's silence"), definitionSource: nil,
            aliases: ["Leader's quiet"], see: [], location: here)
        let vocabulary = Vocabulary(key: "topics", title: "Topics", terms: [term], location: here)
        #expect(
            TermSuggestion.hint(for: "The leader's silence", in: vocabulary)
                == "; 'The leader's silence' is the title of term 'leaders-silence': write its id, 'leaders-silence'")
        #expect(TermSuggestion.hint(for: "leader's quiet", in: vocabulary).contains("is an alias of term"))
    }
}
