import Foundation
import Testing

@testable import BookletCore

/// The whole site of a small fixture corpus, compared file by file with the expected
/// tree in `Fixtures/golden-site/expected/`. After an intended change to output, re-record
/// with `BOOKLET_RECORD=1 swift test --filter GoldenSite` and review the diff.
@Suite("Golden site")
struct GoldenSiteTests {
    static let fixture = Repository.fixtures + "/golden-site"

    @Test func siteMatchesTheExpectedFiles() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)").path
        let report = try await Pipeline.build(
            Pipeline.Options(
                contentPath: Self.fixture + "/content", templatesPath: Repository.templates, outputPath: output,
                strict: true))
        #expect(report.lines == [])
        var actual = try treeContents(output)
        // Assets are copies of templates/assets; the golden tree holds generated files only.
        actual = actual.filter { !$0.key.hasPrefix("assets/") }
        let expectedFolder = Self.fixture + "/expected"
        if ProcessInfo.processInfo.environment["BOOKLET_RECORD"] == "1" {
            try? FileManager.default.removeItem(atPath: expectedFolder)
            for (path, data) in actual {
                let url = URL(fileURLWithPath: expectedFolder + "/" + path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            return
        }
        let expected = try treeContents(expectedFolder)
        #expect(Set(actual.keys) == Set(expected.keys))
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            let produced = actual[path].map { String(decoding: $0, as: UTF8.self) } ?? "<missing>"
            #expect(produced == String(decoding: data, as: UTF8.self), "\(path) differs from the golden file")
        }
    }

    @Test(arguments: [false, true])
    func entriesRenderedWithTheirPagesMatchRenderingThemAfterwards(large: Bool) async throws {
        // print.html and booklet.txt take each entry's part from its page task (one parse
        // for the three); rendering every part afterwards, as for templates that list the
        // entries otherwise, must give the same files. The large corpus spans several parts.
        let booklet: LinkedBooklet
        var templatesPath = Repository.templates
        if large {
            var files: [String: String?] = [:]
            for number in 1...(OnePageStream.partialsPerPart * 2 + 40) {
                files["moves/entry-\(number).md"] =
                    "---\ntitle: Entry \(number)\ntopics: [silence]\n---\nThe *first* paragraph of \(number), "
                    + "with trailing spaces.   \n\n## A heading\n\n- one\n- [the rule](../rules/confidentiality.md)\n"
            }
            let corpus = try TemporaryCorpus(files)
            booklet = try await corpus.link().0
            // Trailing spaces after the heading: the text finisher's work shows in every part.
            templatesPath = corpus.folder.appendingPathComponent("templates").path
            try FileManager.default.copyItem(atPath: Repository.templates, toPath: templatesPath)
            let entry = templatesPath + "/text/entry.mustache"
            let text = try String(contentsOfFile: entry, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "{{heading}}\n", with: "{{heading}}   \n").utf8).write(
                to: URL(fileURLWithPath: entry))
        } else {
            let (corpus, _) = try await CorpusLoader.load(contentPath: Self.fixture + "/content")
            let (documents, words) = await BodyWords.scan(corpus.entries)
            booklet = await Linker.link(corpus, documents: documents, bodyWords: words).0
        }
        var renderer = SiteRenderer(
            booklet: booklet, templates: try #require(TemplateSet.load(path: templatesPath).0))
        let (along, alongWarnings) = await renderer.render()
        renderer.onePageAlongPages = false
        let (after, afterWarnings) = await renderer.render()
        #expect(alongWarnings.isEmpty && afterWarnings.isEmpty)
        #expect(along.map(\.path).sorted() == after.map(\.path).sorted())
        let afterBytes = Dictionary(after.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        for file in along {
            let same = file.bytes == afterBytes[file.path]
            #expect(same, "\(file.path) differs")
        }
        #expect(along.contains { $0.path == "print.html" } && along.contains { $0.path == "booklet.txt" })
    }

    @Test func templateListingEntriesTwiceRendersThemAfterThePages() async throws {
        // Not one partial per entry in reading order: the parts render afterwards, each use in place.
        let corpus = try TemporaryCorpus()
        let templates = corpus.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates.path)
        let print = templates.appendingPathComponent("html/print.mustache")
        let use = "{{#entries}}\n{{> print-entry}}\n{{/entries}}\n"
        let text = try String(contentsOf: print, encoding: .utf8)
        #expect(text.contains(use))
        try Data(text.replacingOccurrences(of: use, with: use + use).utf8).write(to: print)
        let report = try await Pipeline.build(
            Pipeline.Options(
                contentPath: corpus.content, templatesPath: templates.path, outputPath: corpus.output, strict: true))
        #expect(report.lines == [])
        let html = try corpus.outputText("print.html")
        #expect(html.components(separatedBy: "<article class=\"print-entry\" id=\"moves--shutting-up\">").count == 3)
        #expect(html.hasSuffix("</html>\n"))
        #expect(try corpus.outputText("booklet.txt").components(separatedBy: "Shutting up\n").count >= 2)
    }
}
