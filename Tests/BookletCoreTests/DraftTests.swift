import Foundation
import Testing

@testable import BookletCore

/// `draft: true` keeps an entry out of every output; linking to it from what is published
/// is an error, and the run counts the drafts it skipped.
@Suite("Drafts")
struct DraftTests {
    static let draft = "---\ntitle: Half written\ndraft: true\ntopics: [silence]\n---\nNot ready.\n"

    @Test func aDraftIsInNoOutput() async throws {
        let corpus = try TemporaryCorpus(["moves/half-written.md": Self.draft])
        let report = try await corpus.build(strict: true)
        #expect(report.lines == [])
        #expect(report.succeeded)
        #expect(report.entryCount == 3)
        #expect(report.draftCount == 1)
        #expect(report.draftsSkipped == " (1 draft skipped)")
        let texts = try treeContents(corpus.output).compactMapValues { String(data: $0, encoding: .utf8) }
        #expect(texts["moves/half-written.html"] == nil)
        for (path, text) in texts {
            #expect(!text.contains("Half written"), "\(path) mentions the draft")
            #expect(!text.contains("half-written"), "\(path) links the draft")
        }
    }

    @Test func linksAndHandoutsNamingADraftAreErrors() async throws {
        var config = TemporaryCorpus.validFiles["booklet.yml"] ?? ""
        config += "\n      - moves/half-written"
        let corpus = try TemporaryCorpus([
            "moves/half-written.md": Self.draft,
            "moves/shutting-up.md": "---\ntitle: Shutting up\ntopics: [silence]\n---\nSee [later](half-written.md).\n\n## Why\n",
            "booklet.yml": config,
        ])
        let report = try await corpus.check()
        let message =
            "error: entry 'moves/half-written' is a draft (draft: true) and is not published; remove the link, or publish the entry"
        #expect(
            report.lines == [
                "\(corpus.path("booklet.yml")):12:9: \(message)",
                "\(corpus.path("moves/shutting-up.md")):5:13: \(message)",
            ])
        #expect(!report.succeeded)
    }

    @Test func theCommandLineSaysHowManyDraftsWereSkipped() throws {
        let corpus = try TemporaryCorpus(["moves/half-written.md": Self.draft])
        let executable = try #require(CLI.executable, "build the booklet product first")
        let built = try CLI.run(
            [executable, "build", "--templates", Repository.templates], in: corpus.folder.path)
        #expect(built.stdout.hasPrefix("Built 3 entries (1 draft skipped), "))
        let checked = try CLI.run(
            [executable, "check", "--templates", Repository.templates], in: corpus.folder.path)
        #expect(checked.stdout == "Checked 3 entries (1 draft skipped): no problems.\n")
    }
}
