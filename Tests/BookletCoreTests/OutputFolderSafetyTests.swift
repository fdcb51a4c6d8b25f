import Foundation
import Testing

@testable import BookletCore

/// The output folder cannot be redirected or made to delete the corpus (issue 20).
@Suite struct OutputFolderSafetyTests {
    /// A symbolic link planted at the staging folder's name is removed, not followed: the
    /// site is never written into the folder it points to.
    @Test func plantedStagingLinkIsNotFollowed() async throws {
        let corpus = try TemporaryCorpus()
        let elsewhere = corpus.folder.appendingPathComponent("elsewhere").path
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let staging = corpus.folder.appendingPathComponent(".site.booklet-staging").path
        try FileManager.default.createSymbolicLink(atPath: staging, withDestinationPath: elsewhere)
        let report = try await corpus.build()
        #expect(report.succeeded, "\(report.lines)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
        #expect(FileSystem.kind(of: staging) == .missing)
        #expect(FileManager.default.fileExists(atPath: corpus.output + "/index.html"))
    }

    /// Stale staging debris holding a link to an outside file: the link goes, the file stays.
    @Test func staleDebrisIsRemovedWithoutFollowingLinks() async throws {
        let corpus = try TemporaryCorpus()
        let outside = corpus.folder.appendingPathComponent("keep.txt").path
        try Data("keep".utf8).write(to: URL(fileURLWithPath: outside))
        let staging = corpus.folder.appendingPathComponent(".site.booklet-staging").path
        try FileManager.default.createDirectory(atPath: staging + "/rules", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: staging + "/rules/index.html", withDestinationPath: outside)
        let report = try await corpus.build()
        #expect(report.succeeded, "\(report.lines)")
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "keep")
        #expect(FileSystem.kind(of: staging) == .missing)
    }

    /// `--content st/.site.booklet-staging --output st/site` used to delete the content.
    @Test func contentAtTheStagingPathIsRefused() async throws {
        let corpus = try TemporaryCorpus()
        let content = corpus.folder.appendingPathComponent(".site.booklet-staging").path
        try FileManager.default.moveItem(atPath: corpus.content, toPath: content)
        let options = Pipeline.Options(contentPath: content, templatesPath: Repository.templates, outputPath: corpus.output)
        await #expect(throws: UsageError.self) { try await Pipeline.build(options) }
        do {
            _ = try await Pipeline.build(options)
        } catch {
            #expect(error.message.contains("the staging folder") && error.message.contains("is the content folder"))
        }
        #expect(FileManager.default.fileExists(atPath: content + "/booklet.yml"))
    }

    @Test func templatesInsideTheOutputAreRefused() async throws {
        let corpus = try TemporaryCorpus()
        let templates = corpus.output + "/templates"
        try FileManager.default.createDirectory(atPath: corpus.output, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates)
        try Data().write(to: URL(fileURLWithPath: corpus.output + "/" + SiteWriter.markerName))
        let options = Pipeline.Options(contentPath: corpus.content, templatesPath: templates, outputPath: corpus.output)
        do {
            _ = try await Pipeline.build(options)
            Issue.record("build should refuse templates inside the output")
        } catch {
            #expect(error.message.contains("the output folder") && error.message.contains("contains the templates folder"))
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: templates)
        #expect(kept.sorted() == (try FileManager.default.contentsOfDirectory(atPath: Repository.templates)).sorted())
    }

    @Test func newRefusesALinkedSectionFolder() throws {
        let corpus = try TemporaryCorpus()
        let real = corpus.folder.appendingPathComponent("real-moves").path
        try FileManager.default.moveItem(atPath: corpus.path("moves"), toPath: real)
        try FileManager.default.createSymbolicLink(atPath: corpus.path("moves"), withDestinationPath: real)
        #expect {
            try Scaffold.newEntry(section: "moves", title: "Pausing", contentPath: corpus.content)
        } throws: { error in
            (error as? UsageError)?.message.contains("section folder is a symbolic link") == true
        }
        #expect(FileSystem.kind(of: real + "/pausing.md") == .missing)
    }

    /// An id whose page name the file system could refuse is an error in `check`, at the file.
    @Test func overlongEntryIDIsAnErrorInCheck() async throws {
        let slug = String(repeating: "a", count: Identifier.maximumLength + 1)
        let corpus = try TemporaryCorpus(["rules/\(slug).md": "---\ntitle: Long\n---\nBody\n"])
        let report = try await corpus.check()
        #expect(
            report.diagnostics.contains {
                $0.location.path == corpus.path("rules/\(slug).md") && $0.message.contains("at most 200 characters")
            }, "\(report.lines)")
        #expect(Identifier.isValid(String(repeating: "a", count: Identifier.maximumLength)))
        #expect(Identifier.suggested(from: String(repeating: "ab ", count: 100)).utf8.count <= Identifier.maximumLength)
    }

    /// An entry swapped for a link or a FIFO after listing is refused on its descriptor.
    @Test func readRefusesLinksAndFIFOsOnTheDescriptor() throws {
        let corpus = try TemporaryCorpus()
        let link = corpus.path("rules/link.md")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: corpus.path("rules/the-frame.md"))
        #expect(throws: FileError.self) { try FileSystem.read(link) }
        let fifo = corpus.path("rules/fifo.md")
        #expect(mkfifo(fifo, 0o644) == 0)
        do {
            _ = try FileSystem.read(fifo)
            Issue.record("a FIFO was read")
        } catch {
            #expect(error.reason == "it is not a regular file")
        }
    }
}
