import Foundation
import Testing

@testable import BookletCore

/// Paths of the repository, found from this file so tests run from any directory.
enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let templates = root.appendingPathComponent("templates").path
    static let fixtures = root.appendingPathComponent("Tests/BookletCoreTests/Fixtures").path

    /// This test run's scratch folder (`booklet-tests-<pid>` in the temporary folder).
    /// Tests cannot remove their corpora safely while a CLI run may still use them, so the
    /// folders of earlier runs, whose processes have ended, are removed here instead.
    static let scratch: URL = {
        let temporary = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix("booklet-tests-") || name.hasPrefix("booklet-test-") {
            if let pid = Int32(name.dropFirst("booklet-tests-".count)), kill(pid, 0) == 0 || errno != ESRCH {
                continue  // a run still going (or not ours to judge)
            }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
        return temporary.appendingPathComponent("booklet-tests-\(getpid())")
    }()
}

/// A corpus written into a fresh temporary folder, from file contents keyed by path
/// relative to `content/`. Each test names the one thing its corpus breaks.
struct TemporaryCorpus {
    let folder: URL
    var content: String { folder.appendingPathComponent("content").path }
    var output: String { folder.appendingPathComponent("site").path }

    /// The smallest valid corpus: two sections, one vocabulary with three terms, three entries.
    static let validFiles: [String: String] = [
        "booklet.yml": """
        title: Test Booklet
        subtitle: For tests
        publisher: Test Society
        text-width: 60
        handouts:
          - id: welcome
            title: Welcome
            memo: |
              We meet on *Tuesdays*.
            entries:
              - rules/confidentiality
        """,
        "taxonomy.yml": """
        sections:
          - id: rules
            title: Ground rules
            summary: Rules of the group.
          - id: moves
            title: Leader moves
        vocabularies:
          topics:
            title: Topics
            terms:
              - id: confidentiality
                title: Confidentiality
                definition: What is said in the group stays there.
                aliases: [confidential]
              - id: the-frame
                title: The frame
                see: [confidentiality]
              - id: silence
                title: Silence
        """,
        "rules/confidentiality.md": """
        ---
        title: Confidentiality
        order: 1
        summary: The group is a confidential forum.
        topics: [confidentiality, the-frame]
        ---
        The group is a confidential forum. See [shutting up](../moves/shutting-up.md#why).

        ## Details

        Nothing leaves the room.
        """,
        "rules/the-frame.md": """
        ---
        title: The frame
        order: 2
        topics: [the-frame, silence]
        ---
        Keep [the frame](topics:the-frame) and [confidentiality](confidentiality.md).
        """,
        "moves/shutting-up.md": """
        ---
        title: Shutting up
        topics: [silence, the-frame]
        ---
        The leader is silent.

        ## Why

        Silence lets the group work.
        """,
    ]

    /// Writes `validFiles` with `changes` applied (a nil value deletes the file).
    init(_ changes: [String: String?] = [:]) throws {
        folder = Repository.scratch.appendingPathComponent(UUID().uuidString)
        var files = Self.validFiles
        for (path, text) in changes { files[path] = text }
        for (path, text) in files {
            let url = folder.appendingPathComponent("content").appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Path of a content file as diagnostics show it.
    func path(_ relative: String) -> String { content + "/" + relative }

    /// Runs `booklet check` and returns the report.
    func check(strict: Bool = false) async throws -> Pipeline.Report {
        try await Pipeline.check(
            Pipeline.Options(contentPath: content, templatesPath: Repository.templates, strict: strict))
    }

    /// Runs `booklet build` into `output` (default: `site/` in the temporary folder).
    func build(output: String? = nil, strict: Bool = false) async throws -> Pipeline.Report {
        try await Pipeline.build(
            Pipeline.Options(
                contentPath: content, templatesPath: Repository.templates, outputPath: output ?? self.output,
                strict: strict))
    }

    /// Loads and links the corpus in memory.
    func link() async throws -> (LinkedBooklet, [Diagnostic]) {
        let (corpus, loadDiagnostics) = try await CorpusLoader.load(contentPath: content)
        let (documents, words) = await BodyWords.scan(corpus.entries)
        let (booklet, linkDiagnostics) = await Linker.link(corpus, documents: documents, bodyWords: words)
        return (booklet, (loadDiagnostics + linkDiagnostics).sorted())
    }

    /// The text of an output file.
    func outputText(_ relative: String, in output: String? = nil) throws -> String {
        try String(contentsOfFile: (output ?? self.output) + "/" + relative, encoding: .utf8)
    }
}

/// Reads every file under `folder` as relative path -> bytes (hidden files included).
func treeContents(_ folder: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let base = URL(fileURLWithPath: folder)
    guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
    else {
        return result
    }
    for case let url as URL in enumerator {
        guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1))
        result[relative] = try Data(contentsOf: url)
    }
    return result
}

extension Pipeline.Report {
    /// Diagnostics as the CLI prints them.
    var lines: [String] { diagnostics.map(\.description) }
}

extension SiteRenderer {
    /// Every output file of the site in memory (parts of a file joined), and warnings about
    /// template keys that do not exist.
    func render() async -> ([OutputFile], [Diagnostic]) {
        var files: [OutputFile] = []
        let diagnostics = await render { parts in
            for part in parts {
                if part.appending, let last = files.indices.last, files[last].path == part.path,
                    case .text(let text) = files[last].contents, case .text(let more) = part.contents
                {
                    files[last].contents = .text(text + more)
                } else {
                    var file = part
                    file.appending = false
                    files.append(file)
                }
            }
        }
        return (files, diagnostics)
    }
}
