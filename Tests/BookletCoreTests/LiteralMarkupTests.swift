import Foundation
import Testing

@testable import BookletCore

/// Text that looks like markup but that cmark prints as written: each case is the body of
/// an entry (front matter of three lines, so the body starts on line 4), then the one
/// warning expected, at its line and column.
@Suite("Markup that shows as text")
struct LiteralMarkupTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var body: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { message }
    }

    static let cases: [Case] = [
        Case(
            body: "See [shutting up](shutting up.md) now.", line: 4, column: 5,
            message:
                "shows as text, not a link: the address 'shutting up.md' has a space; write [shutting up](shutting-up.md)"),
        Case(
            body: "See [shutting up] (shutting-up.md) now.", line: 4, column: 5,
            message:
                "shows as text, not a link: there is a space between ']' and '('; write [shutting up](shutting-up.md)"),
        Case(
            body: "First line.\nSee [shutting up](shutting-up.md and the rest of the sentence goes on.", line: 5,
            column: 5, message: "shows as text, not a link: ')' is missing after 'shutting-up.md'"),
        Case(
            body: "Go to [x](#Model tolerating silence).", line: 4, column: 7,
            message:
                "shows as text, not a link: the address '#Model tolerating silence' has a space; write [x](#model-tolerating-silence)"
        ),
        Case(
            body: "See [the frame](../Ground Rules/The Frame.md#Why Not).", line: 4, column: 5,
            message:
                "shows as text, not a link: the address '../Ground Rules/The Frame.md#Why Not' has a space; write [the frame](../ground-rules/the-frame.md#why-not)"
        ),
        Case(
            body: "A ![picture](my picture.png).", line: 4, column: 3,
            message:
                "shows as text, not an image: the address 'my picture.png' has a space; write ![picture](my%20picture.png)"),
        Case(
            body: "Intro.\n\n| Balint | PPDG |\n|---|---|\n| case | check-in |", line: 6, column: 1,
            message:
                "tables are not Markdown here and show as text; use a list, or a comparison section ('compare:' in taxonomy.yml)"
        ),
        Case(
            body: "A note[^1] here.", line: 4, column: 7,
            message:
                "footnotes like '[^1]' are not Markdown here and show as text; put the note in parentheses or in a sentence"),
        Case(
            body: "Once ~~struck words~~ here.", line: 4, column: 6,
            message:
                "'~~' (strikethrough) is not Markdown here and shows as text; delete the words, or say in words that they no longer apply"
        ),
        Case(
            body: "- one\n- [ ] do this", line: 5, column: 3,
            message: "task boxes like '[ ]' are not Markdown here and show as text; write a plain list item"),
        Case(
            body: "Visit www.balintamerica.org.", line: 4, column: 7,
            message:
                "the address 'www.balintamerica.org' is not a link and shows as text; write it as <https://www.balintamerica.org>"
        ),
    ]

    @Test(arguments: cases)
    func eachMistakeIsOneWarningAtItsPlace(_ example: Case) async throws {
        let corpus = try TemporaryCorpus(["moves/mistake.md": "---\ntitle: Mistake\n---\n" + example.body + "\n"])
        let (_, diagnostics) = try await corpus.link()
        let found = diagnostics.filter { $0.location.path == corpus.path("moves/mistake.md") }
        #expect(
            found.map(\.description) == [
                "\(corpus.path("moves/mistake.md")):\(example.line):\(example.column): warning: \(example.message)"
            ])
    }

    /// Prose with brackets and parentheses, code, real links, tilde and pipes is left alone.
    @Test func ordinaryProseAndCodeRaiseNothing() async throws {
        let body = """
            This [the "check-in"] is not [sic] (see above) a link, nor is a fact (1990).
            Code `[a](b c)` and `~~x~~` is shown as code; [a link](shutting-up.md) works.
            About ~ 3 people; a | b is a choice; the www is the web; see <https://www.x.org>.
            - [a link](shutting-up.md) starts this item

            ```
            | a | b |
            |---|---|
            ```
            """
        let corpus = try TemporaryCorpus(["moves/prose.md": "---\ntitle: Prose\n---\n" + body + "\n"])
        let (_, diagnostics) = try await corpus.link()
        #expect(diagnostics.filter { $0.location.path == corpus.path("moves/prose.md") }.isEmpty)
    }

    /// A hostile paragraph of would-be links and strikes is read in linear time, and its
    /// warnings are capped: ten show the pattern.
    @Test(.timeLimit(.minutes(1))) func aHostileParagraphIsQuickAndCapped() async throws {
        let body =
            String(repeating: "[a] (", count: 40_000) + String(repeating: "](", count: 40_000)
            + String(repeating: "~~a ", count: 40_000) + String(repeating: "[a](b c d e f g", count: 20_000)
        let clock = ContinuousClock()
        let start = clock.now
        let document = EntryDocument.scan(markdown: body, lineOffset: 0, path: "x.md")
        #expect(clock.now - start < .seconds(20))
        #expect(document.literalMarkup.count == LiteralMarkup.warningsPerBlock)
    }

    /// The same checks run on Markdown in the configuration files, reported there.
    @Test func markdownInYAMLIsCheckedInItsFile() async throws {
        var taxonomy = TemporaryCorpus.validFiles["taxonomy.yml"] ?? ""
        taxonomy = taxonomy.replacingOccurrences(
            of: "summary: Rules of the group.", with: "summary: Rules [of] (rules/the-frame.md) the group.")
        let corpus = try TemporaryCorpus(["taxonomy.yml": taxonomy])
        let (_, diagnostics) = try await corpus.link()
        #expect(
            diagnostics.map(\.description).contains(
                "\(corpus.path("taxonomy.yml")):4:20: warning: shows as text, not a link: there is a space between ']' and '('; write [of](rules/the-frame.md)"
            ))
    }

    /// The published corpus uses none of these by mistake.
    @Test func theRealCorpusIsClean() async throws {
        let report = try await Pipeline.check(
            Pipeline.Options(
                contentPath: Repository.root.appendingPathComponent("content").path,
                templatesPath: Repository.templates, strict: true))
        #expect(report.lines == [])
        #expect(report.succeeded)
    }
}
