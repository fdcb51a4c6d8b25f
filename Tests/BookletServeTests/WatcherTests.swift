import Foundation
import XCTest

@testable import BookletServe

/// Counts the bursts a watcher reports.
final class BurstCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}

/// XCTest (run first and alone by `swift test`), so a watcher's timing is not measured
/// while CPU-heavy suites run.
final class WatcherTests: XCTestCase {
    func testSnapshotsSeeEveryKindOfChangeButHiddenFiles() throws {
        let corpus = try ScratchCorpus()
        let roots = [corpus.content, corpus.templates]
        var before = FolderSnapshot.take(roots)
        check(before.stamps[corpus.content + "/basics/quiet.md"] != nil)

        try corpus.write(".quiet.md.swp", "swap")
        check(FolderSnapshot.take(roots).changes(since: before).isEmpty)

        try corpus.write("basics/quiet.md", try corpus.read("basics/quiet.md") + "\nMore.\n")
        check(FolderSnapshot.take(roots).changes(since: before) == [corpus.content + "/basics/quiet.md"])
        before = FolderSnapshot.take(roots)

        try corpus.saveAtomically("basics/quiet.md", try corpus.read("basics/quiet.md") + "Again.\n")
        check(FolderSnapshot.take(roots).changes(since: before).contains(corpus.content + "/basics/quiet.md"))
        before = FolderSnapshot.take(roots)

        try FileManager.default.createDirectory(atPath: corpus.content + "/extra/deeper", withIntermediateDirectories: true)
        try corpus.write("extra/deeper/new.md", "x")
        let added = FolderSnapshot.take(roots).changes(since: before)
        check(added.contains(corpus.content + "/extra/deeper/new.md"))
        before = FolderSnapshot.take(roots)

        check(rename(corpus.content + "/extra", corpus.content + "/renamed") == 0)
        let renamed = FolderSnapshot.take(roots).changes(since: before)
        check(renamed.contains(corpus.content + "/extra/deeper/new.md"))
        check(renamed.contains(corpus.content + "/renamed/deeper/new.md"))
        before = FolderSnapshot.take(roots)

        try FileManager.default.removeItem(atPath: corpus.content + "/renamed")
        check(FolderSnapshot.take(roots).changes(since: before).count == 3)
    }

    /// Every way an editor changes the folders is one burst, for each watching mode.
    func testInotifyReportsEachKindOfSave() async throws {
        try await watcherReportsEachKindOfSave(mode: .inotify)
    }

    func testPollingReportsEachKindOfSave() async throws {
        try await watcherReportsEachKindOfSave(mode: .polling(interval: .milliseconds(100)))
    }

    func watcherReportsEachKindOfSave(mode: FolderWatcher.Mode) async throws {
        let corpus = try ScratchCorpus()
        let bursts = BurstCounter()
        let watcher = FolderWatcher(
            roots: [corpus.content, corpus.templates], preferring: mode, onChange: { bursts.increment() })
        defer { watcher.stop() }
        check(watcher.mode == mode)
        try await Task.sleep(for: .milliseconds(150))

        func expectBurst(_ what: String, _ change: () throws -> Void) async throws {
            let before = bursts.count
            try change()
            let seen = try await eventually(within: .seconds(3)) { bursts.count > before }
            check(seen != nil, "\(what) was not noticed (\(mode))")
            try await Task.sleep(for: .milliseconds(mode == .inotify ? 100 : 400))
        }

        try await expectBurst("a save in place") {
            try corpus.write("basics/quiet.md", try corpus.read("basics/quiet.md") + "\nIn place.\n")
        }
        try await expectBurst("an atomic save") {
            try corpus.saveAtomically("basics/quiet.md", try corpus.read("basics/quiet.md") + "Atomic.\n")
        }
        try await expectBurst("a new folder") {
            try FileManager.default.createDirectory(atPath: corpus.content + "/fresh", withIntermediateDirectories: true)
        }
        try await expectBurst("a file in the new folder") { try corpus.write("fresh/entry.md", "new") }
        try await expectBurst("a renamed file") {
            check(rename(corpus.content + "/fresh/entry.md", corpus.content + "/fresh/moved.md") == 0)
        }
        try await expectBurst("a deleted file") {
            try FileManager.default.removeItem(atPath: corpus.content + "/fresh/moved.md")
        }
        try await expectBurst("a template saved") {
            let path = corpus.templates + "/html/entry.mustache"
            try (try String(contentsOfFile: path, encoding: .utf8) + "\n").write(
                toFile: path, atomically: true, encoding: .utf8)
        }

        // A burst of many writes is one change, or very few.
        let before = bursts.count
        for index in 0..<20 { try corpus.write("basics/burst-\(index).md", "x") }
        _ = try await eventually(within: .seconds(3)) { bursts.count > before }
        try await Task.sleep(for: .milliseconds(600))
        check(bursts.count - before <= 2)

        // Hidden files (swap files) are no change.
        let quiet = bursts.count
        try corpus.write(".entry.md.swp", "swap")
        try await Task.sleep(for: .milliseconds(mode == .inotify ? 300 : 700))
        check(bursts.count == quiet)
    }
}
