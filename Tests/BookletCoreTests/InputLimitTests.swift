import Foundation
import Testing

@testable import BookletCore

/// The caps that keep every input cheap (issue 20): file size, image openers, YAML anchors.
@Suite struct InputLimitTests {
    /// A sparse 40 GB entry is refused from its size, without reading a byte of it.
    @Test(.timeLimit(.minutes(5))) func hugeSparseFileIsRefusedAtOnce() async throws {
        let corpus = try TemporaryCorpus()
        let path = corpus.path("rules/huge.md")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("---\ntitle: Huge\n---\n".utf8)))
        #expect(truncate(path, 40 * 1024 * 1024 * 1024) == 0)
        // Refused from fstat's size: reading 40 GB would take minutes.
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: FileError.self) { try FileSystem.read(path) }
        #expect(clock.now - start < .seconds(1))
        let report = try await corpus.check()
        #expect(
            report.diagnostics.contains {
                $0.location.path == path && $0.severity == .error
                    && $0.message == "cannot read file: it is larger than 10 MB, the limit for files in the content folder"
            }, "\(report.lines)")
    }

    @Test func fileJustUnderTheCapIsRead() throws {
        let corpus = try TemporaryCorpus()
        let path = corpus.path("rules/big.md")
        let body = String(repeating: "word ", count: (FileSystem.maximumFileSize - 100) / 5)
        try Data(("---\ntitle: Big\n---\n" + body).utf8).write(to: URL(fileURLWithPath: path))
        #expect(try FileSystem.read(path).count <= FileSystem.maximumFileSize)
    }

    @Test func manyImageOpenersAreRefusedBeforeParsing() async throws {
        let many = String(repeating: "![[]()", count: 20_000)
        let corpus = try TemporaryCorpus(["rules/images.md": "---\ntitle: Images\n---\nSee\n" + many + "\n"])
        let report = try await corpus.check()
        let column = SourceText.maximumImageOpeners * 6 + 1
        #expect(
            report.diagnostics.contains {
                $0.location == SourceLocation(path: corpus.path("rules/images.md"), line: 5, column: column)
                    && $0.message.hasPrefix("more than 32 image openers '![' in one file")
            }, "\(report.lines)")
    }

    /// 4,000 terms sharing one anchored list of aliases would read as 16 million values.
    @Test(.timeLimit(.minutes(5))) func anchorsInTaxonomyAreRefused() async throws {
        var taxonomy = try #require(TemporaryCorpus.validFiles["taxonomy.yml"])
        taxonomy = taxonomy.replacingOccurrences(
            of: "aliases: [confidential]",
            with: "aliases: &b [" + (0..<4_000).map { "a\($0)" }.joined(separator: ", ") + "]")
        taxonomy += (0..<4_000).map { "\n      - id: t\($0)\n        title: T\($0)\n        aliases: *b" }.joined()
        let corpus = try TemporaryCorpus(["taxonomy.yml": taxonomy])
        let report = try await corpus.check()
        #expect(
            report.diagnostics.contains {
                $0.location == SourceLocation(path: corpus.path("taxonomy.yml"), line: 14, column: 18)
                    && $0.message.hasPrefix("YAML anchors ('&name') and aliases ('*name') are not supported")
            }, "\(report.lines)")
    }

    @Test func aliasesInBookletConfigAreRefused() async throws {
        var config = try #require(TemporaryCorpus.validFiles["booklet.yml"])
        config = config.replacingOccurrences(of: "    entries:\n", with: "    entries: &all\n")
        config += "\n  - id: again\n    title: Again\n    entries: *all"
        let corpus = try TemporaryCorpus(["booklet.yml": config])
        let report = try await corpus.check()
        #expect(
            report.diagnostics.contains {
                $0.location.path == corpus.path("booklet.yml") && $0.location.line == 10
                    && $0.message.hasPrefix("YAML anchors")
            }, "\(report.lines)")
    }
}
