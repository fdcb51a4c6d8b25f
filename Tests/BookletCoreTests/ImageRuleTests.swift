import Foundation
import Testing

@testable import BookletCore

/// Every rule of images, attached files and the logo (issue 17), on small corpora, with
/// the message at the line and column where the image or link is written.
@Suite("Images and attached files")
struct ImageRuleTests {
    static let png = HostileImageTests.png(width: 40, height: 30)

    /// The test corpus with `figure.png` and `form.pdf` in `rules/` (when named), `body` as the body
    /// of `rules/the-frame.md` (its first line is line 7), and `changes` applied.
    static func corpus(body: String, _ changes: [String: String?] = [:], files: [String: [UInt8]] = [:]) throws
        -> TemporaryCorpus
    {
        var all = changes
        all["rules/the-frame.md"] = "---\ntitle: The frame\norder: 2\ntopics: [the-frame, silence]\n---\n\n" + body + "\n"
        let corpus = try TemporaryCorpus(all)
        // figure.png and form.pdf are there when the body names them (else they would be unused).
        var binary: [String: [UInt8]] = [:]
        if body.contains("fig") { binary["rules/figure.png"] = png }
        if body.contains("form") { binary["rules/form.pdf"] = Array("%PDF-1.4 form".utf8) }
        for (path, bytes) in files { binary[path] = bytes }
        for (path, bytes) in binary { try Data(bytes).write(to: URL(fileURLWithPath: corpus.path(path))) }
        return corpus
    }

    static func messages(_ report: Pipeline.Report, in path: String) -> [String] {
        report.lines.filter { $0.contains(path) }
    }

    @Test func aFigureAndAnAttachmentBuildCleanly() async throws {
        let corpus = try Self.corpus(body: "![A chart of the frame](figure.png)\n\nSign the [consent form](form.pdf).")
        let report = try await corpus.build(strict: true)
        #expect(report.succeeded, "\(report.lines)")
        let page = try corpus.outputText("rules/the-frame.html")
        #expect(page.contains("<p><img src=\"../files/rules/figure.png\" alt=\"A chart of the frame\" width=\"40\" height=\"30\"></p>"))
        #expect(page.contains("<a href=\"../files/rules/form.pdf\">consent form</a>"))
        #expect(page.contains("<li><a href=\"../files/rules/form.pdf\">form.pdf</a> <span class=\"file-size\">(PDF, 13 bytes)</span></li>"))
        let text = try corpus.outputText("booklet.txt")
        #expect(text.contains("[Figure: A chart of the frame]"))
        #expect(text.contains("Sign the consent form (attached: form.pdf, 13 bytes)."))
        #expect(try Data(contentsOf: URL(fileURLWithPath: corpus.output + "/files/rules/figure.png")) == Data(Self.png))
        // Alt text is searchable; the file itself is not a search result.
        let search = try corpus.outputText("search-index.js")
        #expect(search.contains("\"chart\":"))
        #expect(!search.contains("figure.png") && !search.contains("form.pdf"))
    }

    @Test(arguments: [
        ("![](figure.png)", 7, 5, "error: image 'figure.png' has no alt text; readers using screen readers need it"),
        ("![  ](figure.png)", 7, 7, "error: image 'figure.png' has no alt text"),
        ("![A chart](figur.png)", 7, 12, "error: no file 'figur.png' in content/rules/; did you mean 'figure.png'?"),
        ("![A chart](https://example.org/chart.png)", 7, 12, "error: image 'https://example.org/chart.png' is on the network"),
        ("![A chart](data:image/png;base64,AAAA)", 7, 12, "error: 'data:' images are not allowed"),
        ("![A chart](/srv/chart.png)", 7, 12, "error: absolute image path '/srv/chart.png' will not work offline"),
        ("![A form](form.pdf)", 7, 11, "error: 'form.pdf' is not an image; images are PNG, JPEG, GIF, WebP or SVG files. To attach it, link to it: [A form](form.pdf)"),
        ("![A chart](../moves/figure.png)", 7, 12, "error: '../moves/figure.png' is not beside this file; an entry's images and files sit beside it, in its section folder content/rules/: move or copy 'moves/figure.png' there and write 'figure.png'"),
        ("![A chart](../../figure.png)", 7, 12, "error: '../../figure.png' leaves the content folder"),
        ("Sign [the form](frm.pdf).", 7, 17, "error: no file 'frm.pdf' in content/rules/; did you mean 'form.pdf'?"),
        ("See [the rule](confidentiality).", 7, 16, "error: link 'confidentiality' does not name an entry"),
    ])
    func brokenImagesAndFilesAreErrorsWhereWritten(body: String, line: Int, column: Int, message: String) async throws {
        let corpus = try Self.corpus(body: body)
        let report = try await corpus.check()
        #expect(!report.succeeded)
        let expected = "\(corpus.path("rules/the-frame.md")):\(line):\(column): \(message)"
        #expect(report.lines.contains { $0.hasPrefix(expected) }, "\(report.lines)")
    }

    @Test func aFileInAnotherFolderIsNamed() async throws {
        let corpus = try Self.corpus(body: "![A chart](chart.png)", files: ["moves/chart.png": Self.png])
        let report = try await corpus.check()
        #expect(
            report.lines.contains {
                $0.contains(":7:12: error: no file 'chart.png' in content/rules/; 'moves/chart.png' is in another folder")
            }, "\(report.lines)")
    }

    @Test func aLargeImageIsAWarningAndAFileNothingUsesIsAWarning() async throws {
        // A valid PNG header followed by 1.5 MB of data.
        let large = Self.png + Array(repeating: 0, count: 1_600_000)
        let corpus = try Self.corpus(
            body: "![A chart](big.png)",
            files: ["rules/big.png": large, "moves/notes.txt": [0x61], "rules/figure.png": Self.png])
        let report = try await corpus.check()
        #expect(report.succeeded, "\(report.lines)")
        #expect(
            report.lines.contains(
                "\(corpus.path("rules/the-frame.md")):7:12: warning: image 'big.png' is 1.5 MB; images over 1 MB load slowly on a phone: save it smaller (at most about 2,000 pixels wide)"
            ), "\(report.lines)")
        #expect(
            report.lines.contains(
                "\(corpus.path("moves/notes.txt")): warning: file 'notes.txt' is not used by any entry; show it with ![what it shows](notes.txt) or attach it with [its title](notes.txt) in an entry of 'moves', or remove it"
            ))
        #expect(report.lines.contains { $0.hasPrefix(corpus.path("rules/figure.png") + ": warning: image 'figure.png' is not used") })
        #expect(try await corpus.check(strict: true).succeeded == false)
    }

    @Test func theLogoIsOnEveryPageKindAndPrinted() async throws {
        var booklet = try #require(TemporaryCorpus.validFiles["booklet.yml"])
        booklet = booklet.replacingOccurrences(of: "publisher: Test Society\n", with: "publisher: Test Society\nlogo: seal.png\n")
        let corpus = try Self.corpus(
            body: "![A chart](figure.png) and [form](form.pdf)", ["booklet.yml": booklet], files: ["seal.png": Self.png])
        let report = try await corpus.build(strict: true)
        #expect(report.succeeded, "\(report.lines)")
        let tag = "src=\"files/seal.png\" alt=\"\" width=\"40\" height=\"30\">"
        #expect(try corpus.outputText("index.html").contains("<img class=\"cover-logo\" " + tag))
        #expect(try corpus.outputText("index.html").contains("<img class=\"site-logo\" " + tag + "Test Booklet</a>"))
        #expect(try corpus.outputText("rules/the-frame.html").contains("<img class=\"site-logo\" src=\"../files/seal.png\""))
        #expect(try corpus.outputText("print.html").contains("<img class=\"cover-logo\" " + tag))
        #expect(try corpus.outputText("welcome.html").contains("<img class=\"handout-logo\" " + tag))
        #expect(FileManager.default.fileExists(atPath: corpus.output + "/files/seal.png"))
    }

    @Test(arguments: [
        ("logo: seal.png", "logo: no file 'seal.png' in content/"),
        ("logo: rules/form.pdf", "logo: 'rules/form.pdf' is not beside this file; files used by booklet.yml or taxonomy.yml sit beside them, at the top of the content folder"),
        ("logo: https://example.org/logo.png", "logo: image 'https://example.org/logo.png' is on the network"),
        ("logo: notes.txt", "logo: 'notes.txt' is not an image"),
    ])
    func aBrokenLogoIsAnErrorInBookletYml(line: String, message: String) async throws {
        var booklet = try #require(TemporaryCorpus.validFiles["booklet.yml"])
        booklet = booklet.replacingOccurrences(of: "text-width: 60\n", with: "text-width: 60\n" + line + "\n")
        let corpus = try Self.corpus(body: "Text.", ["booklet.yml": booklet], files: ["notes.txt": [0x61]])
        let report = try await corpus.check()
        #expect(!report.succeeded)
        #expect(report.lines.contains { $0.hasPrefix(corpus.path("booklet.yml") + ":5:7: error: " + message) }, "\(report.lines)")
    }

    @Test func publishedFilesNeverCollideWithPagesOrEachOther() async throws {
        // `files` is reserved: no section may take it, so files/ holds only copies, at
        // their content paths, which are unique.
        let corpus = try Self.corpus(
            body: "![A chart](figure.png)",
            ["taxonomy.yml": try #require(TemporaryCorpus.validFiles["taxonomy.yml"]).replacingOccurrences(
                of: "  - id: moves\n", with: "  - id: files\n    title: Files\n  - id: moves\n")])
        let report = try await corpus.check()
        #expect(report.lines.contains { $0.contains("'files'") && $0.contains("error") }, "\(report.lines)")
        #expect(Identifier.reservedTopLevelNames.contains(ContentFile.siteFolder))

        // The same file name in two sections, and a file named like a page: all distinct.
        let two = try Self.corpus(
            body: "![A chart](figure.png) [the page](index.html)",
            ["moves/shutting-up.md": "---\ntitle: Shutting up\ntopics: [silence]\n---\n![Another chart](figure.png)\n\n## Why\n"],
            files: ["moves/figure.png": HostileImageTests.png(width: 7, height: 5), "rules/index.html": Array("<p>x</p>".utf8)])
        let built = try await two.build(strict: true)
        #expect(built.succeeded, "\(built.lines)")
        let tree = try treeContents(two.output)
        #expect(tree["files/rules/figure.png"] == Data(Self.png))
        #expect(tree["files/moves/figure.png"] == Data(HostileImageTests.png(width: 7, height: 5)))
        #expect(tree["files/rules/index.html"] == Data("<p>x</p>".utf8))
        #expect(tree["rules/index.html"] != Data("<p>x</p>".utf8))
        let pages = tree.keys.filter { !$0.hasPrefix("files/") }
        #expect(pages.allSatisfy { !$0.hasPrefix(ContentFile.siteFolder) })
    }

    @Test func imagesAfterTheFirstLoadLazilyOnEntryPagesOnlyAndTitlesAreKept() async throws {
        let corpus = try Self.corpus(
            body: "![First](figure.png)\n\nText.\n\n![Second](figure.png \"The title\")",
            ["booklet.yml": try #require(TemporaryCorpus.validFiles["booklet.yml"]).replacingOccurrences(
                of: "- rules/confidentiality", with: "- rules/the-frame")])
        #expect(try await corpus.build(strict: true).succeeded)
        let page = try corpus.outputText("rules/the-frame.html")
        #expect(page.contains("alt=\"First\" width=\"40\" height=\"30\">"))
        #expect(page.contains("alt=\"Second\" title=\"The title\" width=\"40\" height=\"30\" loading=\"lazy\">"))
        for onePage in ["print.html", "welcome.html"] {
            let text = try corpus.outputText(onePage)
            #expect(text.contains("alt=\"Second\" title=\"The title\" width=\"40\" height=\"30\">"), "\(onePage)")
            #expect(!text.contains("loading=\"lazy\""), "\(onePage)")
        }
        #expect(try corpus.outputText("welcome.txt").contains("[Figure: Second]"))
    }

    @Test func imageInATermDefinitionSitsAtTheTopOfTheContentFolder() async throws {
        // (The body names no file, so rules/ holds none.)
        let taxonomy = try #require(TemporaryCorpus.validFiles["taxonomy.yml"]).replacingOccurrences(
            of: "definition: What is said in the group stays there.",
            with: "definition: What is said stays there. ![A closed door](door.png)")
        let corpus = try Self.corpus(body: "Text.", ["taxonomy.yml": taxonomy], files: ["door.png": Self.png])
        let report = try await corpus.build(strict: true)
        #expect(report.succeeded, "\(report.lines)")
        #expect(try corpus.outputText("topics/confidentiality.html").contains("<img src=\"../files/door.png\" alt=\"A closed door\""))
    }
}

extension ImageRuleTests {
    @Test func aFileOnlyADraftUsesIsNeitherPublishedNorUnused() async throws {
        let corpus = try Self.corpus(
            body: "Text.",
            ["moves/planned.md": "---\ntitle: Planned\ndraft: true\n---\n![A chart](chart.png)\n"],
            files: ["moves/chart.png": Self.png])
        let report = try await corpus.build(strict: true)
        #expect(report.succeeded, "\(report.lines)")
        #expect(!FileManager.default.fileExists(atPath: corpus.output + "/files/moves/chart.png"))
    }
}
