import Foundation
import Testing

@testable import BookletCore

/// The whole site of the `images` fixture (a logo, five image formats, an attached PDF, a
/// handout), compared file by file with `Fixtures/images/expected/`: entry pages, cover,
/// print.html and handout HTML, booklet.txt and the handout text, and the copies in
/// files/. After an intended change, re-record with
/// `BOOKLET_RECORD=1 swift test --filter ImageGolden` and review the diff.
@Suite("Image golden site")
struct ImageGoldenTests {
    static let fixture = Repository.fixtures + "/images"

    @Test func siteMatchesTheExpectedFiles() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("images-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let report = try await Pipeline.build(
            Pipeline.Options(
                contentPath: Self.fixture + "/content", templatesPath: Repository.templates, outputPath: output,
                strict: true))
        #expect(report.lines == [])
        // The e-book has golden files of its own (EBookTests).
        let actual = try treeContents(output).filter { !$0.key.hasPrefix("assets/") && $0.key != "booklet.epub" }
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
            if path.hasPrefix("files/") {
                #expect(actual[path] == data, "\(path) is not an exact copy")
                continue
            }
            let produced = actual[path].map { String(decoding: $0, as: UTF8.self) } ?? "<missing>"
            #expect(produced == String(decoding: data, as: UTF8.self), "\(path) differs from the golden file")
        }
        // The copies are the content folder's files, byte for byte.
        for name in ["circle.png", "consent-form.pdf", "photo.jpg", "plan.svg", "steps.gif", "wave.webp"] {
            let source = try Data(contentsOf: URL(fileURLWithPath: Self.fixture + "/content/figures/" + name))
            #expect(actual["files/figures/" + name] == source, "\(name)")
        }
    }
}
