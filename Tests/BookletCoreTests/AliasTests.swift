import Foundation
import Testing

@testable import BookletCore

/// `aliases:` keeps an entry's old addresses working: a redirect page at each, and old
/// links that resolve with a warning to update them.
@Suite("Aliases")
struct AliasTests {
    static let renamed = """
        ---
        title: Shutting up
        topics: [silence, the-frame]
        aliases: [old-moves/keeping-quiet, moves/silence]
        ---
        The leader is silent.

        ## Why

        Silence lets the group work.
        """

    @Test func eachAliasGetsARedirectPageToTheEntry() async throws {
        let corpus = try TemporaryCorpus(["moves/shutting-up.md": Self.renamed])
        let report = try await corpus.build(strict: true)
        #expect(report.succeeded, "\(report.diagnostics)")
        let page = try corpus.outputText("old-moves/keeping-quiet.html")
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=../moves/shutting-up.html\">"))
        #expect(page.contains("<a href=\"../moves/shutting-up.html\"><span class=\"number\">2.1</span> Shutting up</a>"))
        #expect(page.contains("<code>old-moves/keeping-quiet</code>"))
        #expect(page.contains("href=\"../assets/booklet.css\""))
        let sameSection = try corpus.outputText("moves/silence.html")
        #expect(sameSection.contains("url=../moves/shutting-up.html"))
    }

    @Test func aLinkToAnAliasResolvesWithAWarning() async throws {
        let corpus = try TemporaryCorpus([
            "moves/shutting-up.md": Self.renamed,
            "rules/the-frame.md": """
            ---
            title: The frame
            order: 2
            topics: [the-frame, silence]
            ---
            Keep [quiet](../old-moves/keeping-quiet.md#why) and [confidentiality](confidentiality.md).
            """,
        ])
        let report = try await corpus.build()
        #expect(report.succeeded)
        #expect(
            report.diagnostics.map(\.description) == [
                corpus.path("rules/the-frame.md")
                    + ":6:14: warning: 'old-moves/keeping-quiet' is an old address (alias) of entry 'moves/shutting-up'; the link works, but update it to '../moves/shutting-up.md#why'"
            ])
        let frame = try corpus.outputText("rules/the-frame.html")
        #expect(frame.contains("<a href=\"../moves/shutting-up.html#why\">quiet</a>"))
        // The old link counts as a reference: the entry's backlinks name the linking entry.
        let entry = try corpus.outputText("moves/shutting-up.html")
        #expect(entry.contains("the-frame.html"))
    }

    @Test func aHandoutNamingAnAliasGetsTheEntryWithAWarning() async throws {
        let corpus = try TemporaryCorpus([
            "moves/shutting-up.md": Self.renamed,
            "booklet.yml": HandoutTests.bookletWithHandout.replacingOccurrences(
                of: "- moves/shutting-up", with: "- old-moves/keeping-quiet"),
        ])
        let report = try await corpus.build()
        #expect(
            report.diagnostics.map(\.description) == [
                corpus.path("booklet.yml")
                    + ":9:9: warning: 'old-moves/keeping-quiet' is an old address (alias) of entry 'moves/shutting-up'; update the handout to 'moves/shutting-up'"
            ])
        let html = try corpus.outputText("welcome.html")
        #expect(html.contains("<article class=\"handout-entry\" id=\"moves--shutting-up\">"))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var aliases: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "not an entry id", aliases: "[Old Moves/keeping-quiet.md]",
            expected: [
                "moves/shutting-up.md:4:11: error: alias 'Old Moves/keeping-quiet.md' is not an entry id; write the old address as '<section>/<name>', without '.md'; did you mean 'old-moves/keeping-quiet'?"
            ]),
        Case(
            name: "no section", aliases: "[keeping-quiet]",
            expected: [
                "moves/shutting-up.md:4:11: error: alias 'keeping-quiet' is not an entry id; write the old address as '<section>/<name>', without '.md'"
            ]),
        Case(
            name: "its own id", aliases: "[moves/shutting-up]",
            expected: ["moves/shutting-up.md:4:11: error: alias 'moves/shutting-up' is this entry's own id; remove it"]),
        Case(
            name: "another entry's id", aliases: "[rules/the-frame]",
            expected: [
                "moves/shutting-up.md:4:11: error: alias 'rules/the-frame' is the id of another entry, whose page is at that address; remove the alias or rename that entry"
            ]),
        Case(
            name: "a section page", aliases: "[rules/index]",
            expected: [
                "moves/shutting-up.md:4:11: error: alias 'rules/index' would replace the page of section 'rules'; an entry cannot be named 'index'"
            ]),
        Case(
            name: "a vocabulary's folder", aliases: "[topics/silence]",
            expected: [
                "moves/shutting-up.md:4:11: error: alias 'topics/silence' is inside 'topics/', where Booklet writes its own pages; an alias is an entry's old address, '<section>/<name>'"
            ]),
        Case(
            name: "listed twice", aliases: "[old/quiet, old/quiet]",
            expected: ["moves/shutting-up.md:4:22: warning: alias 'old/quiet' is listed twice"]),
    ]

    @Test(arguments: cases)
    func invalidAliasesAreReportedWhereWritten(_ example: Case) async throws {
        let corpus = try TemporaryCorpus([
            "moves/shutting-up.md": """
            ---
            title: Shutting up
            topics: [silence, the-frame]
            aliases: \(example.aliases)
            ---
            The leader is silent.

            ## Why

            Silence lets the group work.
            """
        ])
        let (_, diagnostics) = try await corpus.link()
        #expect(diagnostics.map(\.description) == example.expected.map { corpus.content + "/" + $0 })
    }

    @Test func twoEntriesCannotShareAnAlias() async throws {
        let corpus = try TemporaryCorpus([
            "moves/shutting-up.md": Self.renamed,
            "rules/the-frame.md": """
            ---
            title: The frame
            order: 2
            topics: [the-frame, silence]
            aliases: [old-moves/keeping-quiet]
            ---
            Keep [confidentiality](confidentiality.md).
            """,
        ])
        let (_, diagnostics) = try await corpus.link()
        // Rules come first in reading order, so the second claim is the one in moves/.
        #expect(
            diagnostics.map(\.description) == [
                corpus.path("moves/shutting-up.md")
                    + ":4:11: error: alias 'old-moves/keeping-quiet' is already an alias of entry 'rules/the-frame'; an old address can lead to one entry only"
            ])
    }
}
