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
        // The e-book is a ZIP archive: its files are compared in EBookTests.
        actual = actual.filter { !$0.key.hasPrefix("assets/") && $0.key != "booklet.epub" }
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

    @Test func pagesHoldingEveryEntryAreWrittenInPartsThatJoinToTheWholePage() async throws {
        // print.html and booklet.txt render their entries on all cores and are written part
        // by part; joined, the parts must be the page rendered in one piece. The corpus is
        // large enough to span several parts, and trailing spaces in the text template show
        // the text finisher's work at every part's edge.
        var files: [String: String?] = [:]
        let paragraph = String(repeating: "Words of the body, with *emphasis* and more.   ", count: 40)
        for number in 1...300 {
            files["moves/entry-\(number).md"] =
                "---\ntitle: Entry \(number)\ntopics: [silence]\n---\nThe *first* paragraph of \(number). "
                + paragraph + "\n\n## A heading\n\n- one\n- [the rule](../rules/confidentiality.md)\n"
        }
        let corpus = try TemporaryCorpus(files)
        let booklet = try await corpus.link().0
        let templatesPath = corpus.folder.appendingPathComponent("templates").path
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templatesPath)
        let entry = templatesPath + "/text/entry.mustache"
        let text = try String(contentsOfFile: entry, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "{{heading}}\n", with: "{{heading}}   \n").utf8).write(
            to: URL(fileURLWithPath: entry))
        let templates = try #require(TemplateSet.load(path: templatesPath).0)
        let renderer = SiteRenderer(booklet: booklet, templates: templates)
        var parts: [String: Int] = [:]
        let (files_, warnings) = await renderer.render()
        _ = await renderer.render { files in for file in files { parts[file.path, default: 0] += 1 } }
        #expect(warnings.isEmpty)
        let written = Dictionary(files_.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        let onePage = OnePageRenderer(site: renderer)
        let print = templates.render("html/print", onePage.printContext()).text
        let booklet_ = TextContext.finish(templates.render("text/booklet", onePage.textContext()).text)
        #expect((parts["print.html"] ?? 0) > 2 && (parts["booklet.txt"] ?? 0) > 2, "\(parts)")
        #expect(written["print.html"] == Array(print.utf8))
        #expect(written["booklet.txt"] == Array(booklet_.utf8))
    }

    @Test func templateListingEntriesTwiceRendersThemTwice() async throws {
        // A sequence of entries may be used more than once; each use renders every entry.
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
