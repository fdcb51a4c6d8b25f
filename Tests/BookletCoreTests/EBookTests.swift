import Foundation
import Testing
import ZIPFoundation

@testable import BookletCore

/// `booklet.epub`: its files (golden), the archive's layout and determinism, links inside
/// the book, the metadata from `booklet.yml` and its errors.
@Suite("E-book")
struct EBookTests {
    /// The e-book's bytes after a build of `content` into memory.
    static func epub(content: String, strict: Bool = true) async throws -> (bytes: [UInt8], report: Pipeline.Report) {
        var sink = MemorySink()
        let report = try await Pipeline(
            Pipeline.Options(contentPath: content, templatesPath: Repository.templates, strict: strict)
        ).run(into: &sink)
        return (sink.files["booklet.epub"] ?? [], report)
    }

    /// The archive's entries in order: path, bytes, compression, modification date.
    static func entries(_ bytes: [UInt8]) throws -> [(path: String, text: String, stored: Bool, date: Date)] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return (entry.path, String(decoding: data, as: UTF8.self), !entry.isCompressed, entry.fileAttributes[.modificationDate] as? Date ?? Date.distantPast)
        }
    }

    static func files(_ bytes: [UInt8]) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try entries(bytes).map { ($0.path, $0.text) })
    }

    @Test func goldenFilesOfTheFixtureBook() async throws {
        let fixture = Repository.fixtures + "/golden-site"
        let (bytes, report) = try await Self.epub(content: fixture + "/content")
        #expect(report.lines == [])
        let actual = try Self.files(bytes).filter { $0.key.hasPrefix("EPUB/") && $0.key.hasSuffix("css") == false }
        let expectedFolder = fixture + "/expected-epub"
        if ProcessInfo.processInfo.environment["BOOKLET_RECORD"] == "1" {
            try? FileManager.default.removeItem(atPath: expectedFolder)
            for (path, text) in actual {
                let url = URL(fileURLWithPath: expectedFolder + "/" + path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            return
        }
        let expected = try treeContents(expectedFolder)
        #expect(Set(actual.keys) == Set(expected.keys))
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(actual[path] == String(decoding: data, as: UTF8.self), "\(path) differs from the golden file")
        }
    }

    @Test func mimetypeComesFirstStoredAndEveryEntryHasTheEditionDate() async throws {
        let corpus = try TemporaryCorpus(["booklet.yml": "title: T\nedition: 2024-02-29\n"])
        let (bytes, report) = try await Self.epub(content: corpus.content)
        #expect(report.lines == [])
        let entries = try Self.entries(bytes)
        #expect(entries.first?.path == "mimetype")
        #expect(entries.first?.stored == true)
        #expect(entries.first?.text == "application/epub+zip")
        // The bytes of the local header: "mimetype" at offset 30, its content right after it.
        #expect(String(decoding: bytes[30..<58], as: UTF8.self) == "mimetypeapplication/epub+zip")
        #expect(entries.map(\.path).prefix(4) == ["mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/cover.xhtml"])
        let midnight = Date(timeIntervalSince1970: 1_709_164_800)  // 2024-02-29T00:00:00Z
        #expect(entries.allSatisfy { $0.date == midnight })
        let package = try #require(try Self.files(bytes)["EPUB/package.opf"])
        #expect(package.contains("<meta property=\"dcterms:modified\">2024-02-29T00:00:00Z</meta>"))
        #expect(package.contains("<dc:date>2024-02-29</dc:date>"))
    }

    @Test func twoBuildsGiveIdenticalBytes() async throws {
        let content = Repository.fixtures + "/text-every-block/content"
        let first = try await Self.epub(content: content).bytes
        let second = try await Self.epub(content: content).bytes
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test func withoutAnEditionTheDateIsTheFirstZIPDateNotTheClock() async throws {
        let corpus = try TemporaryCorpus()
        let (bytes, _) = try await Self.epub(content: corpus.content)
        let package = try #require(try Self.files(bytes)["EPUB/package.opf"])
        #expect(package.contains("<meta property=\"dcterms:modified\">1980-01-01T00:00:00Z</meta>"))
        #expect(!package.contains("<dc:date>"))
    }

    @Test func theIdentifierIsAUUIDNamedByTitleAndPublisherOrTheGivenOne() async throws {
        let corpus = try TemporaryCorpus()
        let package = try #require(try Self.files(try await Self.epub(content: corpus.content).bytes)["EPUB/package.opf"])
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, "booklet:Test Booklet\nTest Society")
        #expect(package.contains(">urn:uuid:91914948-a163-502f-860b-7903106e1a9a</dc:identifier>"))
        let named = try TemporaryCorpus(["booklet.yml": "title: T\nidentifier: urn:isbn:9780000000002\n"])
        let other = try #require(try Self.files(try await Self.epub(content: named.content).bytes)["EPUB/package.opf"])
        #expect(other.contains("<dc:identifier id=\"_id\">urn:isbn:9780000000002</dc:identifier>"))
    }

    @Test func nameUUIDsAndSHA1MatchTheirStandards() {
        let hex = SHA1.digest(Array("abc".utf8)).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        #expect(hex == "a9993e364706816aba3e25717850c26c9cd0d89d")
        let long = SHA1.digest(Array(String(repeating: "a", count: 1000).utf8))
        #expect(long.count == 20)
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, "http://python.org/")
        #expect(NameUUID.version5("http://python.org/") == "4c565f0d-3f5a-5890-b41b-20cf47701c5e")
    }

    @Test func badEditionAndIdentifierAreErrorsAtTheirValue() async throws {
        for (value, message) in [
            ("edition: 2026-13-01", "'edition' must be a date written YYYY-MM-DD, like edition: 2026-12-02"),
            ("edition: 2025-02-29", "'edition' must be a date written YYYY-MM-DD, like edition: 2026-12-02"),
            ("edition: 1 May 2026", "'edition' must be a date written YYYY-MM-DD, like edition: 2026-12-02"),
            ("edition: [2026]", "'edition' must be text, not a list"),
            ("identifier: urn isbn", "'identifier' must not contain spaces; write a URN or address such as urn:isbn:9780000000000"),
        ] {
            let corpus = try TemporaryCorpus(["booklet.yml": "title: T\n" + value + "\n"])
            let report = try await corpus.check()
            let column = value.firstIndex(of: " ").map { value.distance(from: value.startIndex, to: $0) + 2 } ?? 0
            #expect(report.lines == ["\(corpus.path("booklet.yml")):2:\(column): error: \(message)"], "\(value)")
        }
    }

    @Test func linksLeadInsideTheBookAndWebLinksStayExternal() async throws {
        let (bytes, _) = try await Self.epub(content: Repository.fixtures + "/text-every-block/content")
        let files = try Self.files(bytes)
        let rules = try #require(files["EPUB/section-rules.xhtml"])
        #expect(rules.contains("<a href=\"section-rules.xhtml#rules--lists--ordered-from-seven\">ordered lists</a>"))
        // A link to a comparison entry leads to its row.
        #expect(rules.contains("<a href=\"section-compare.xhtml#compare--sides\">comparison</a>"))
        #expect(rules.contains("<a href=\"terms-topics.xhtml#zebra\">term</a>"))
        #expect(rules.contains("<a class=\"external\" href=\"https://example.com\">another</a>"))
        #expect(rules.contains("<a href=\"#rules--quotes-and-code--deep\">heading here</a>"))
        #expect(!files.values.contains { $0.contains(".html\"") || $0.contains(".html#") })
        // XHTML: void elements are closed.
        #expect(rules.contains("<br/>") && rules.contains("<hr/>") && !rules.contains("<br>"))
        let compare = try #require(files["EPUB/section-compare.xhtml"])
        #expect(compare.contains("<table class=\"comparison\">"))
        #expect(compare.contains("<tr id=\"compare--sides\">"))
    }

    @Test func imagesAndTheLogoAreInTheBookAndAttachedFilesAreNamed() async throws {
        let (bytes, report) = try await Self.epub(content: Repository.fixtures + "/images/content")
        #expect(report.succeeded)
        let entries = try Self.entries(bytes)
        let paths = entries.map(\.path)
        for name in ["figures/circle.png", "figures/photo.jpg", "figures/plan.svg", "figures/steps.gif", "logo.svg"] {
            #expect(paths.contains("EPUB/files/" + name), "\(name)")
        }
        // Attached files stay on the site: a book links only to its own documents.
        #expect(!paths.contains("EPUB/files/figures/consent-form.pdf"))
        let files = try Self.files(bytes)
        let package = try #require(files["EPUB/package.opf"])
        #expect(package.contains("href=\"files/figures/circle.png\" media-type=\"image/png\""))
        #expect(package.contains("href=\"files/logo.svg\" media-type=\"image/svg+xml\""))
        let section = try #require(files["EPUB/section-figures.xhtml"])
        #expect(section.contains("<img src=\"files/figures/circle.png\" alt=\"A circle of eight chairs around a low table\""))
        #expect(section.contains("consent form (attached: consent-form.pdf)"))
        #expect(!section.contains("consent-form.pdf\""))
        #expect(try #require(files["EPUB/cover.xhtml"]).contains("<img src=\"files/logo.svg\""))
    }

    @Test func rawHTMLIsEscapedInTheBookEvenWhenAllowedOnTheSite() async throws {
        let corpus = try TemporaryCorpus([
            "booklet.yml": "title: T\nunsafe-html: true\n",
            "moves/raw.md": "---\ntitle: Raw\n---\nA <b>bold</b> word.\n\n<div>block</div>\n",
        ])
        let (bytes, _) = try await Self.epub(content: corpus.content)
        let moves = try #require(try Self.files(bytes)["EPUB/section-moves.xhtml"])
        #expect(moves.contains("A &lt;b&gt;bold&lt;/b&gt; word."))
        #expect(moves.contains("<p>&lt;div&gt;block&lt;/div&gt;</p>"))
    }

    @Test func navListsSectionsThenEntriesNumberedAsOnTheSiteAndLandmarks() async throws {
        let corpus = try TemporaryCorpus()
        let nav = try #require(try Self.files(try await Self.epub(content: corpus.content).bytes)["EPUB/nav.xhtml"])
        #expect(nav.contains("<li><a href=\"section-rules.xhtml\">1. Ground rules</a>"))
        #expect(nav.contains("<li><a href=\"section-rules.xhtml#rules--confidentiality\">1.1 Confidentiality</a></li>"))
        #expect(nav.contains("<nav epub:type=\"landmarks\""))
        #expect(nav.contains("<li><a epub:type=\"index\" href=\"terms-topics.xhtml\">Index of terms</a></li>"))
    }
}
