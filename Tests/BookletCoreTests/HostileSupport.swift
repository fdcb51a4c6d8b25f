import Foundation
import Testing

@testable import BookletCore

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway corpus for one hostile-input case: a copy of `Fixtures/hostile-base`
/// (a small valid booklet) and of the project's real templates in a fresh temp folder,
/// which the test then damages in one way.
struct HostileScratch {
    let root: String
    var content: String { root + "/content" }
    var templates: String { root + "/templates" }
    var output: String { root + "/site" }

    /// A copy of the `hostile-base` fixture and the repository's templates.
    init() throws {
        let base = NSTemporaryDirectory() + "booklet-hostile-" + UUID().uuidString
        root = base
        let manager = FileManager.default
        try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        try manager.copyItem(atPath: Repository.fixtures + "/hostile-base/content", toPath: content)
        try manager.copyItem(atPath: Repository.templates, toPath: templates)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `text` (or raw `bytes`) at `relative` under the content folder.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let path = relative.hasPrefix("/") ? relative : content + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: content + "/" + relative, encoding: .utf8)
    }

    /// Replaces the first occurrence of `old` in a content file.
    func edit(_ relative: String, replacing old: String, with new: String) throws {
        let text = try read(relative)
        #expect(text.contains(old), "fixture \(relative) lacks \(old)")
        try write(relative, text.replacingOccurrences(of: old, with: new, options: [], range: text.range(of: old)))
    }

    func options(strict: Bool = false, output: String? = nil) -> Pipeline.Options {
        Pipeline.Options(
            contentPath: content, templatesPath: templates, outputPath: output ?? self.output, strict: strict)
    }

    func build(strict: Bool = false, output: String? = nil) async throws -> Pipeline.Report {
        try await Pipeline.build(options(strict: strict, output: output))
    }

    /// Builds the undamaged fixture once, so there is a previous site to protect.
    func buildBaseline() async throws -> [String: [UInt8]] {
        let report = try await build()
        #expect(report.succeeded, "baseline failed: \(report.diagnostics.map(\.description))")
        return try HostileTree.snapshot(output)
    }
}

/// Reads a whole folder tree into memory (paths relative to it), for byte comparison.
enum HostileTree {
    static func snapshot(_ folder: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        func walk(_ path: String, _ prefix: String) throws {
            for name in try FileManager.default.contentsOfDirectory(atPath: path) {
                let full = path + "/" + name
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
                if isDirectory.boolValue {
                    result[prefix + name + "/"] = []
                    try walk(full, prefix + name + "/")
                } else {
                    result[prefix + name] = Array(try Data(contentsOf: URL(fileURLWithPath: full)))
                }
            }
        }
        try walk(folder, "")
        return result
    }

    /// Names beside `folder` (staging or retired debris would show up here).
    static func siblings(of folder: String) throws -> [String] {
        let parent = (folder as NSString).deletingLastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: parent).sorted()
    }
}

extension Pipeline.Report {
    /// The clang-style lines, as the CLI prints them.
    var hostileErrors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Asserts that `report` failed with an error at `path` (suffix) and `line` whose message
/// contains `message`.
func expectHostileError(
    _ report: Pipeline.Report, path: String, line: Int? = nil, column: Int? = nil, _ message: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(!report.succeeded, "build should fail: \(report.lines)", sourceLocation: sourceLocation)
    let found = report.hostileErrors.contains {
        $0.location.path.hasSuffix(path) && (line == nil || $0.location.line == line)
            && (column == nil || $0.location.column == column) && $0.message.contains(message)
    }
    #expect(
        found, "no error at \(path):\(line ?? -1):\(column ?? -1) containing '\(message)' in \(report.lines)",
        sourceLocation: sourceLocation)
}

/// The `booklet` executable built beside the test bundle.
enum HostileCLI {
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
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
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

/// True when the tests run as root (permission bits do not stop root from reading).
var hostileIsRoot: Bool { geteuid() == 0 }
