import Foundation
import Testing

@testable import BookletCore

/// The one-page outputs (booklet.txt, handouts, print.html) of fixture corpora, compared with
/// the files in each fixture's `expected/` folder. After an intended change to the layout,
/// re-record with `BOOKLET_RECORD=1 swift test --filter TextGolden` and review the diff.
@Suite("Text golden files")
struct TextGoldenTests {
    /// Fixture with every block type, deep nesting, long words, accents, CJK and emoji, at width 40.
    static let everyBlock = Repository.fixtures + "/text-every-block"
    static let outputs = ["booklet.txt", "newcomers.txt", "newcomers.html", "print.html"]

    @Test func everyBlockFixtureMatchesTheExpectedFiles() async throws {
        let files = try await TextFixture.render(Self.everyBlock + "/content")
        #expect(files.diagnostics == [])
        let expectedFolder = Self.everyBlock + "/expected"
        if ProcessInfo.processInfo.environment["BOOKLET_RECORD"] == "1" {
            try FileManager.default.createDirectory(atPath: expectedFolder, withIntermediateDirectories: true)
            for name in Self.outputs {
                try Data((files.text[name] ?? "").utf8).write(to: URL(fileURLWithPath: expectedFolder + "/" + name))
            }
            return
        }
        for name in Self.outputs {
            let expected = try String(contentsOfFile: expectedFolder + "/" + name, encoding: .utf8)
            #expect(files.text[name] == expected, "\(name) differs from the golden file")
        }
    }

    @Test func textOutputsHaveNoResidueAndFitTheWidth() async throws {
        let files = try await TextFixture.render(Self.everyBlock + "/content")
        for name in ["booklet.txt", "newcomers.txt"] {
            let text = try #require(files.text[name])
            #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), "\(name) ends with one newline")
            #expect(!text.contains("\r"))
            for residue in ["**", "](", "<", ">", "&amp;", "&lt;", "&#", "`", "\u{A0}"] {
                #expect(!text.contains(residue), "\(name) contains \(residue)")
            }
            for line in text.split(separator: "\n") where !line.hasPrefix("    let tab") {
                let isLongWord =
                    !line.trimmingSpaces.contains(" ")
                    || line.contains("Donaudampfschifffahrtsgesellschaftskapitänswitwe")
                    || line.contains("https://example.org/a/very/long")
                #expect(TextLayout.width(of: line) <= 40 || isLongWord, "too wide: \(line)")
                #expect(line.last != " ", "trailing space: \(line)")
            }
        }
    }
}

/// Runs the pipeline in memory on a fixture corpus with the repository's templates.
enum TextFixture {
    struct Rendered {
        var text: [String: String]
        var diagnostics: [String]
    }

    static func render(_ content: String) async throws -> Rendered {
        let (corpus, loadDiagnostics) = try await CorpusLoader.load(contentPath: content)
        let documents = corpus.entries.map {
            EntryDocument.scan(markdown: $0.body, lineOffset: $0.bodyLineOffset, path: $0.path)
        }
        let (booklet, linkDiagnostics) = await Linker.link(corpus, documents: documents, bodyWords: BodyWords())
        let (templates, templateDiagnostics) = TemplateSet.load(path: Repository.templates)
        let set = try #require(templates)
        let (files, renderDiagnostics) = await SiteRenderer(booklet: booklet, templates: set).render()
        var text: [String: String] = [:]
        for file in files where !file.path.hasPrefix("assets/") {
            text[file.path] = String(decoding: file.bytes, as: UTF8.self)
        }
        let diagnostics = (loadDiagnostics + linkDiagnostics + templateDiagnostics + renderDiagnostics).sorted()
        return Rendered(text: text, diagnostics: diagnostics.map(\.description))
    }
}
