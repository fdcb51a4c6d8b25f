import Foundation
import Testing

@testable import BookletCore

@Suite("Build pipeline and output")
struct PipelineTests {
    @Test func twoBuildsGiveByteIdenticalTrees() async throws {
        let corpus = try TemporaryCorpus()
        let first = corpus.folder.appendingPathComponent("first").path
        let second = corpus.folder.appendingPathComponent("second").path
        _ = try await corpus.build(output: first)
        _ = try await corpus.build(output: second)
        let a = try treeContents(first)
        let b = try treeContents(second)
        #expect(a.count > 10)
        #expect(a == b)
    }

    @Test func timingsNameEveryStageAndThePartsOfRendering() async throws {
        let corpus = try TemporaryCorpus()
        let report = try await corpus.build()
        #expect(
            report.timings.map(\.stage)
                == ["load", "parse", "link", "render"] + Outputs.all.map { "render › " + $0.name } + ["write"])
        // The parts are the render stage cut up (template loading counts to the pages).
        let render = report.timings.first { $0.stage == "render" }?.duration ?? .zero
        let parts = report.timings.filter { $0.stage.hasPrefix("render › ") }.reduce(Duration.zero) { $0 + $1.duration }
        #expect(parts <= render + .milliseconds(1))
        #expect(parts * 2 >= render)
    }

    @Test func failedBuildLeavesThePreviousSiteUntouched() async throws {
        var corpus = try TemporaryCorpus()
        #expect(try await corpus.build().succeeded)
        let before = try treeContents(corpus.output)
        corpus = try TemporaryCorpus.adding(["moves/broken.md": "---\ntitle: Broken\n---\n[x](nope.md)\n"], to: corpus)
        let report = try await corpus.build()
        #expect(!report.succeeded)
        #expect(try treeContents(corpus.output) == before)
    }

    @Test func strictBuildWithWarningsWritesNothing() async throws {
        let corpus = try TemporaryCorpus(["moves/typo.md": "---\ntitle: T\nsumary: x\n---\n"])
        let report = try await corpus.build(strict: true)
        #expect(!report.succeeded)
        #expect(!FileManager.default.fileExists(atPath: corpus.output))
    }

    @Test func successfulBuildReplacesTheOldSiteWhole() async throws {
        var corpus = try TemporaryCorpus(["moves/old.md": "---\ntitle: Old\ntopics: [silence]\n---\nOld.\n"])
        _ = try await corpus.build()
        #expect(FileManager.default.fileExists(atPath: corpus.output + "/moves/old.html"))
        corpus = try TemporaryCorpus.adding(["moves/old.md": nil], to: corpus)
        #expect(try await corpus.build().succeeded)
        #expect(!FileManager.default.fileExists(atPath: corpus.output + "/moves/old.html"), "stale pages are gone")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: corpus.folder.path)
        #expect(siblings.sorted() == ["content", "site"], "no staging debris: \(siblings)")
    }

    @Test func checkWritesNothing() async throws {
        let corpus = try TemporaryCorpus()
        #expect(try await corpus.check().succeeded)
        #expect(!FileManager.default.fileExists(atPath: corpus.output))
    }

    @Test func outputFolderThatIsTheContentFolderIsRefused() async throws {
        let corpus = try TemporaryCorpus()
        await #expect(throws: UsageError.self) { try await corpus.build(output: corpus.content) }
        await #expect(throws: UsageError.self) { try await corpus.build(output: corpus.folder.path) }
        await #expect(throws: UsageError.self) { try await corpus.build(output: corpus.content + "/out") }
    }

    @Test func foreignNonEmptyOutputFolderIsRefused() async throws {
        let corpus = try TemporaryCorpus()
        try FileManager.default.createDirectory(atPath: corpus.output, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: corpus.output + "/notes.txt"))
        do {
            _ = try await corpus.build()
            Issue.record("expected a refusal")
        } catch let error as UsageError {
            #expect(error.message.contains("folder exists and was not made by Booklet"))
        }
        #expect(try treeContents(corpus.output) == ["notes.txt": Data("mine".utf8)])
    }

    @Test func outputIsMarkedAsBookletOutput() async throws {
        let corpus = try TemporaryCorpus()
        _ = try await corpus.build()
        #expect(FileManager.default.fileExists(atPath: corpus.output + "/" + SiteWriter.markerName))
        #expect(try await corpus.build().succeeded, "a previous output may be replaced")
    }

    @Test func siteHasEveryPageKindAndCopiesAssets() async throws {
        let corpus = try TemporaryCorpus()
        _ = try await corpus.build()
        let files = Set(try treeContents(corpus.output).keys)
        for expected in [
            "index.html", "search.html", "search-index.js", "rules/index.html", "rules/confidentiality.html",
            "topics/index.html", "topics/silence.html", "assets/booklet.css", "assets/booklet.js",
        ] {
            #expect(files.contains(expected), "missing \(expected)")
        }
    }

    @Test func newScaffoldsAnEntryAndRefusesToOverwrite() throws {
        let corpus = try TemporaryCorpus()
        let path = try Scaffold.newEntry(section: "moves", title: "Holding: the \"pause\"", contentPath: corpus.content)
        #expect(path == corpus.content + "/moves/holding-the-pause.md")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            text.hasPrefix("---\ntitle: \"Holding: the \\\"pause\\\"\"\nsummary: \"\"\ntopics: []\nsource: \"\"\n---\n")
        )
        #expect(throws: UsageError.self) {
            try Scaffold.newEntry(section: "moves", title: "Holding: the \"pause\"", contentPath: corpus.content)
        }
        #expect(throws: UsageError.self) {
            try Scaffold.newEntry(section: "move", title: "X", contentPath: corpus.content)
        }
    }
}

extension TemporaryCorpus {
    /// Applies more changes to an existing temporary corpus (same folder).
    static func adding(_ changes: [String: String?], to corpus: TemporaryCorpus) throws -> TemporaryCorpus {
        for (path, text) in changes {
            let url = corpus.folder.appendingPathComponent("content").appendingPathComponent(path)
            if let text {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            } else {
                try FileManager.default.removeItem(at: url)
            }
        }
        return corpus
    }
}

@Suite("Check and build agree")
struct CheckBuildAgreementTests {
    @Test func checkReportsExactlyWhatBuildReports() async throws {
        let corpus = try TemporaryCorpus([
            "moves/a.md": "---\ntitle: A\ntopics: [silense]\ntopcis: []\n---\n[x](missing.md) [y](topics:nope)\n",
            "rules/b.md": "---\ntitle: B\norder: x\n---\n<b>raw</b>\n",
        ])
        let checked = try await corpus.check()
        let built = try await corpus.build()
        #expect(checked.lines.count == 6)
        #expect(checked.lines == built.lines)
        #expect(!built.succeeded)
        #expect(!FileManager.default.fileExists(atPath: corpus.output))
    }
}
