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
}
