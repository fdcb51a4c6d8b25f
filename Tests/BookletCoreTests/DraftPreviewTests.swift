import Foundation
import Testing

@testable import BookletCore

/// `Pipeline.Options.includeDrafts`, for the live preview: drafts render like entries,
/// and what `booklet build` refuses about drafts is still refused.
@Suite("Drafts in the preview")
struct DraftPreviewTests {
    @Test func draftsRenderAndAreListed() async throws {
        let corpus = try TemporaryCorpus(["moves/half-written.md": DraftTests.draft])
        var sink = MemorySink()
        let report = try await Pipeline(
            .init(contentPath: corpus.content, templatesPath: Repository.templates, includeDrafts: true)
        ).run(into: &sink)
        #expect(report.lines == [])
        #expect(report.succeeded)
        #expect(report.shownDrafts == ["moves/half-written"])
        #expect(report.entryCount == 4)
        #expect(sink.text("moves/half-written.html")?.contains("Half written") == true)
        #expect(report.diagnosticLines == [])

        // Without the option, nothing changes: no draft page, none listed.
        var published = MemorySink()
        let build = try await Pipeline(.init(contentPath: corpus.content, templatesPath: Repository.templates))
            .run(into: &published)
        #expect(build.shownDrafts == [])
        #expect(published.files["moves/half-written.html"] == nil)
    }

    @Test func linksAndHandoutsNamingADraftAreStillErrors() async throws {
        var config = TemporaryCorpus.validFiles["booklet.yml"] ?? ""
        config += "\n      - moves/half-written"
        let corpus = try TemporaryCorpus([
            "moves/half-written.md": DraftTests.draft,
            "moves/shutting-up.md": "---\ntitle: Shutting up\ntopics: [silence]\n---\nSee [later](half-written.md).\n\n## Why\n",
            "booklet.yml": config,
        ])
        var sink = MemorySink()
        let report = try await Pipeline(
            .init(contentPath: corpus.content, templatesPath: Repository.templates, includeDrafts: true)
        ).run(into: &sink)
        let message =
            "error: entry 'moves/half-written' is a draft (draft: true) and is not published; remove the link, or publish the entry"
        #expect(
            report.lines == [
                "\(corpus.path("booklet.yml")):12:9: \(message)",
                "\(corpus.path("moves/shutting-up.md")):5:13: \(message)",
            ])
        #expect(report.diagnosticLines.last == "2 errors, 0 warnings")
        #expect(!report.succeeded)
    }
}

/// `EntryCache`: a rebuild that reuses unchanged files' readings renders exactly what a
/// fresh run renders, and sees every change.
@Suite("Entry cache")
struct EntryCacheTests {
    static func run(_ corpus: TemporaryCorpus, cache: EntryCache?) async throws -> (Pipeline.Report, MemorySink) {
        var sink = MemorySink()
        let report = try await Pipeline(
            .init(contentPath: corpus.content, templatesPath: Repository.templates, entryCache: cache)
        ).run(into: &sink)
        return (report, sink)
    }

    @Test func cachedRunsEqualFreshRuns() async throws {
        let corpus = try TemporaryCorpus([:])
        let cache = EntryCache()
        let (first, firstSink) = try await Self.run(corpus, cache: cache)
        #expect(cache.count == 3)
        let (again, againSink) = try await Self.run(corpus, cache: cache)
        #expect(againSink.files == firstSink.files)
        #expect(again.lines == first.lines)

        // An edited entry, a new one with a mistake, a removed one: as a fresh run sees them.
        let confidentiality = corpus.path("rules/confidentiality.md")
        let text = try String(contentsOfFile: confidentiality, encoding: .utf8)
        try (text + "\nA new closing line.\n").write(toFile: confidentiality, atomically: true, encoding: .utf8)
        try "---\ntitle: New\ntopics: [silense]\n---\nBody.\n".write(
            toFile: corpus.path("moves/new.md"), atomically: true, encoding: .utf8)
        let (cached, cachedSink) = try await Self.run(corpus, cache: cache)
        let (fresh, freshSink) = try await Self.run(corpus, cache: nil)
        #expect(cached.lines == fresh.lines)
        #expect(!cached.lines.isEmpty)
        #expect(cachedSink.files == freshSink.files)
        try FileManager.default.removeItem(atPath: corpus.path("moves/new.md"))
        let (after, afterSink) = try await Self.run(corpus, cache: cache)
        let (freshAfter, freshAfterSink) = try await Self.run(corpus, cache: nil)
        #expect(after.lines == freshAfter.lines)
        #expect(afterSink.files == freshAfterSink.files)
        #expect(afterSink.text("rules/confidentiality.html")?.contains("A new closing line.") == true)
        #expect(cache.count == 3)
    }
}
