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
    func buildBaseline() async throws -> [String: Data] {
        let report = try await build()
        #expect(report.succeeded, "baseline failed: \(report.diagnostics.map(\.description))")
        return try treeContents(output, includingFolders: true)
    }
}

/// Helpers for looking at a site folder from outside.
enum HostileTree {
    /// Names beside `folder` (staging or retired debris would show up here).
    static func siblings(of folder: String) throws -> [String] {
        let parent = (folder as NSString).deletingLastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: parent).sorted()
    }
}

extension Pipeline.Report {
    /// The errors among the diagnostics.
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

/// True when the tests run as root (permission bits do not stop root from reading).
var hostileIsRoot: Bool { geteuid() == 0 }
