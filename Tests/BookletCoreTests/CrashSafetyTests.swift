import Foundation
import Testing

@testable import BookletCore

#if canImport(Glibc)
    import Glibc
#endif

/// A build killed with SIGKILL at any moment leaves the old site or the new one, never a
/// mix and never nothing, and whatever debris it leaves does not break the next build.
///
/// Two versions of a synthetic corpus (Tests/Benchmarks/generate.py; the second has a
/// different title, so every page differs) are built once each as references. Then the
/// CLI builds them alternately into one output folder and is killed after a random delay
/// anywhere in the build (even iterations) or inside its write-and-swap phase, which starts
/// when the staging folder appears (odd iterations). After each kill the output must equal
/// one of the two references.
///
/// BOOKLET_CRASH_ITERATIONS (default 10) and BOOKLET_CRASH_ENTRIES (default 600) scale it.
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = Int(environment["BOOKLET_CRASH_ITERATIONS"] ?? "") ?? 10
    static let entries = Int(environment["BOOKLET_CRASH_ENTRIES"] ?? "") ?? 600

    @Test(.timeLimit(.minutes(30))) func killedBuildLeavesOldOrNewSite() throws {
        let booklet = try #require(CLI.executable)
        let root = NSTemporaryDirectory() + "booklet-crash-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }

        let generate = try CLI.run(
            [
                "/usr/bin/env", "python3", Repository.root.path + "/Tests/Benchmarks/generate.py",
                "--entries", "\(Self.entries)", "--seed", "1", "--out", root + "/a",
            ], in: root)
        try #require(generate.status == 0, "generate.py: \(generate.stderr)")
        try FileManager.default.copyItem(atPath: root + "/a", toPath: root + "/b")
        let config = try String(contentsOfFile: root + "/b/booklet.yml", encoding: .utf8)
        let retitled = config.replacingOccurrences(
            of: "title: ", with: "title: Second edition of ", options: [], range: config.range(of: "title: "))
        #expect(retitled != config)
        try retitled.write(toFile: root + "/b/booklet.yml", atomically: false, encoding: .utf8)
        let templates = Repository.templates

        func build(_ version: String, into output: String) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: booklet)
            process.arguments = [
                "build", "--content", version, "--templates", templates, "--output", output, "--quiet",
            ]
            process.currentDirectoryURL = URL(fileURLWithPath: root)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }

        /// Waits until `process` creates the staging folder for output `name` (the write
        /// phase begins); false if it exited first.
        func waitForStaging(_ process: Process, _ name: String) -> Bool {
            let staging = root + "/." + name + ".booklet-staging"
            while process.isRunning {
                if FileManager.default.fileExists(atPath: staging) { return true }
                usleep(200)
            }
            return false
        }
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }

        // References; how long a build takes, and how long its write-and-swap phase.
        let clock = ContinuousClock()
        var start = clock.now
        let referenceA = try build("a", into: "ref-a")
        referenceA.waitUntilExit()
        let total = seconds(clock.now - start)
        try #require(referenceA.terminationStatus == 0, "the synthetic corpus must build")
        let referenceB = try build("b", into: "ref-b")
        _ = waitForStaging(referenceB, "ref-b")
        start = clock.now
        referenceB.waitUntilExit()
        let writePhase = seconds(clock.now - start)
        try #require(referenceB.terminationStatus == 0)
        let trees = [
            "a": try treeContents(root + "/ref-a", includingFolders: true),
            "b": try treeContents(root + "/ref-b", includingFolders: true),
        ]
        #expect(trees["a"] != trees["b"])

        var current = "a"
        try FileManager.default.copyItem(atPath: root + "/ref-a", toPath: root + "/site")

        var outcomes: [String: Int] = [:]
        for iteration in 0..<Self.iterations {
            let next = current == "a" ? "b" : "a"
            let process: Process
            let delay: Double
            if iteration.isMultiple(of: 2) {
                // Anywhere in the build; debris of the previous kill is left for this build.
                delay = Double.random(in: 0...total)
                process = try build(next, into: "site")
            } else {
                // In the write-and-swap phase: after the staging folder appears. Stale
                // staging from the last kill would fool the wait, so it is removed first.
                try? FileManager.default.removeItem(atPath: root + "/.site.booklet-staging")
                delay = Double.random(in: 0...(1.2 * writePhase))
                process = try build(next, into: "site")
                _ = waitForStaging(process, "site")
            }
            usleep(UInt32(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let killed = process.terminationReason == .uncaughtSignal
            let tree = try treeContents(root + "/site", includingFolders: true)
            if tree == trees[next] {
                current = next
            } else {
                #expect(
                    tree == trees[current],
                    "iteration \(iteration): site is neither the old nor the new tree (\(tree.count) entries) after a kill at \(delay) s"
                )
            }
            let phase = iteration.isMultiple(of: 2) ? "anywhere" : "write phase"
            outcomes[
                "\(phase): \(killed ? "killed" : "finished"), site \(current == next ? "new" : "old")", default: 0] += 1
        }
        print(
            "crash safety: \(Self.iterations) kills over \(Self.entries) entries, build \(total) s, write phase \(writePhase) s: \(outcomes.sorted { $0.key < $1.key })"
        )

        // Whatever debris the kills left, the next build succeeds and cleans it up.
        let final = try build(current == "a" ? "b" : "a", into: "site")
        final.waitUntilExit()
        #expect(final.terminationStatus == 0)
        #expect(try treeContents(root + "/site", includingFolders: true) == trees[current == "a" ? "b" : "a"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["a", "b", "ref-a", "ref-b", "site"])
    }

    /// The swap itself: after a successful write the staging name is gone and the marker
    /// is in place, and a leftover staging or retired folder from a crash is removed.
    @Test func writerLeavesNoDebris() throws {
        let root = NSTemporaryDirectory() + "booklet-writer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for name in [".site.booklet-staging/a/b", ".site.booklet-old/c"] {
            try FileManager.default.createDirectory(atPath: root + "/" + name, withIntermediateDirectories: true)
        }
        try SiteWriter.write([OutputFile(path: "index.html", text: "one")], to: root + "/site")
        try SiteWriter.write([OutputFile(path: "x/index.html", text: "two")], to: root + "/site")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["site"])
        #expect(
            try treeContents(root + "/site", includingFolders: true).keys.sorted() == [
                SiteWriter.markerName, "x/", "x/index.html",
            ])
    }
}
