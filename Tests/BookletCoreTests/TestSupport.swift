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
        let (documents, words) = await BodyParser.parse(corpus.entries)
        let (booklet, linkDiagnostics) = await Linker.link(corpus, documents: documents, bodyWords: words)
        return (booklet, (loadDiagnostics + linkDiagnostics).sorted())
    }

    /// The text of an output file.
    func outputText(_ relative: String, in output: String? = nil) throws -> String {
        try String(contentsOfFile: (output ?? self.output) + "/" + relative, encoding: .utf8)
    }
}

/// Reads the tree under `folder` into memory as relative path -> bytes, for byte comparison.
/// Hidden files are included and symbolic links are followed. With `includingFolders`, each
/// folder is an entry too (`name/` -> no bytes), so an added or removed empty folder counts.
/// Throws if `folder` or anything under it cannot be read.
func treeContents(_ folder: String, includingFolders: Bool = false) throws -> [String: Data] {
    var result: [String: Data] = [:]
    func walk(_ path: String, _ prefix: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            let full = path + "/" + name
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                if includingFolders { result[prefix + name + "/"] = Data() }
                try walk(full, prefix + name + "/")
            } else {
                result[prefix + name] = try Data(contentsOf: URL(fileURLWithPath: full))
            }
        }
    }
    try walk(folder, "")
    return result
}

/// Runs the `booklet` executable built beside the test bundle.
enum CLI {
    /// The path of the executable, if it was built.
    static var executable: String? {
        var url = Bundle.module.bundleURL
        for _ in 0..<3 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("booklet").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            for config in ["debug", "release"] {
                let nested = url.appendingPathComponent(config).appendingPathComponent("booklet").path
                if FileManager.default.isExecutableFile(atPath: nested) { return nested }
            }
        }
        return nil
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// Runs `arguments` (the first is the program) in `directory`, with `timeout` seconds.
    static func run(_ arguments: [String], in directory: String, timeout: Double = 120) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        // Files, not pipes: nothing to drain, so a chatty child can never block.
        let outPath = NSTemporaryDirectory() + "booklet-cli-" + UUID().uuidString
        let errPath = outPath + ".err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            Issue.record("\(arguments) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        let outData = FileManager.default.contents(atPath: outPath) ?? Data()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension Pipeline.Report {
    /// Diagnostics as the CLI prints them.
    var lines: [String] { diagnostics.map(\.description) }
}

extension SiteRenderer {
    /// Every output file of the site, rendered into a `MemorySink` (parts of a file joined),
    /// sorted by path, and the templates' diagnostics.
    func render() async -> ([OutputFile], [Diagnostic]) {
        var sink = MemorySink()
        let diagnostics =
            (try? await render { (files) throws(UsageError) in try sink.write(files) }) ?? []
        let files = sink.files.sorted { $0.key < $1.key }.map { OutputFile(path: $0.key, bytes: $0.value) }
        return (files, diagnostics)
    }
}

extension SiteWriter {
    /// Writes `files` as the new content of `output` in one go (a build writes chunk by
    /// chunk through `Staging`).
    static func write(_ files: [OutputFile], to output: String) throws(UsageError) {
        var staging = try Staging(output: output)
        do throws(UsageError) {
            try staging.write(files)
            try staging.commit()
        } catch {
            staging.discard()
            throw error
        }
    }
}

extension LinkedBody {
    /// `markdown` parsed as a body, each link resolved to `resolved[destination]`.
    static func parsing(_ markdown: String, resolved: [String: ResolvedLink] = [:]) -> LinkedBody {
        let document = EntryDocument.scan(markdown: markdown, lineOffset: 0, path: "test.md")
        return LinkedBody(parsed: document.body, links: document.links.map { resolved[$0.destination] })
    }
}
