import Foundation
import Testing

@testable import BookletCore

#if canImport(Glibc)
    import Glibc
#endif

/// End-to-end: the real `booklet` executable on damaged corpora, checking exit status,
/// the exact stderr lines and that the previous site is byte-identical afterwards.
@Suite("Hostile input through the CLI", .serialized)
struct HostileCLITests {
    let booklet: String

    init() throws {
        booklet = try #require(CLI.executable, "the booklet executable is built beside the tests")
    }

    /// Builds the fixture through the CLI, damages it, runs `arguments` and returns the
    /// result with the snapshot taken before the damage.
    func run(
        _ arguments: [String] = ["build", "--content", "content", "--templates", "templates", "--output", "site"],
        prefix: [String] = [],
        damage: (HostileScratch) throws -> Void
    ) throws -> (CLI.Result, HostileScratch, before: [String: Data]) {
        let scratch = try HostileScratch()
        let first = try CLI.run(
            [booklet, "build", "--content", "content", "--templates", "templates", "--output", "site", "--quiet"],
            in: scratch.root)
        #expect(first.status == 0, "baseline: \(first.stderr)")
        let before = try treeContents(scratch.output, includingFolders: true)
        try damage(scratch)
        let result = try CLI.run(prefix + [booklet] + arguments, in: scratch.root)
        return (result, scratch, before)
    }

    @Test func invalidUTF8() throws {
        let (result, scratch, before) = try run {
            try $0.write("introductions/x.md", bytes: Array("---\ntitle: X\n---\nab".utf8) + [0xC3, 0x28, 0x0A])
        }
        defer { scratch.remove() }
        #expect(result.status == 1)
        #expect(
            result.stderrLines == [
                "content/introductions/x.md:4:3: error: file is not valid UTF-8; save it with UTF-8 encoding",
                "1 error, 0 warnings",
            ])
        #expect(try treeContents(scratch.output, includingFolders: true) == before)
        #expect(try HostileTree.siblings(of: scratch.output) == ["content", "site", "templates"])
    }

    @Test func manyProblemsAreAllReportedSorted() throws {
        let (result, scratch, before) = try run {
            try $0.write("introductions/a.md", "")
            try $0.write("introductions/b.md", "---\ntitle: B\norder: two\n---\nSee [x](javascript:alert(1)).\n")
            try $0.write("ground-rules/c.md", "---\ntitle: C\nsumary: x\n---\n")
        }
        defer { scratch.remove() }
        #expect(result.status == 1)
        #expect(
            result.stderrLines == [
                "content/ground-rules/c.md:3:1: warning: unknown key 'sumary' in front matter; did you mean 'summary'?",
                "content/introductions/a.md:1:1: error: file is empty; an entry needs front matter with a title",
                "content/introductions/b.md:3:8: error: 'order' must be a whole number, like order: 3",
                "content/introductions/b.md:5:9: error: 'javascript:' links are not allowed; they could run code or read the reader's files",
                "3 errors, 1 warning",
            ])
        #expect(try treeContents(scratch.output, includingFolders: true) == before)
    }

    @Test func templateSyntaxError() throws {
        let (result, scratch, before) = try run { scratch in
            try "{{#entries}}\n{{title}\n".write(
                toFile: scratch.templates + "/html/entry.mustache", atomically: false, encoding: .utf8)
        }
        defer { scratch.remove() }
        #expect(result.status == 1)
        #expect(
            result.stderrLines.first
                == "templates/html/entry.mustache:2:1: error: template syntax error: a tag is not closed with '}}'")
        #expect(try treeContents(scratch.output, includingFolders: true) == before)
    }

    @Test func checkWritesNothing() throws {
        let (result, scratch, before) = try run(["check", "--content", "content", "--templates", "templates"]) {
            try $0.write("introductions/new.md", "---\ntitle: New\n---\nBody.\n")
        }
        defer { scratch.remove() }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try treeContents(scratch.output, includingFolders: true) == before)
    }

    @Test func missingContentFolderIsAUsageError() throws {
        let (result, scratch, before) = try run([
            "build", "--content", "nowhere", "--templates", "templates", "--output", "site",
        ]) { _ in }
        defer { scratch.remove() }
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1 && result.stderrLines[0].hasPrefix("error: nowhere: "))
        #expect(try treeContents(scratch.output, includingFolders: true) == before)
    }

    @Test func outputNotWritableIsAUsageError() throws {
        let (result, scratch, _) = try run(
            ["build", "--content", "content", "--templates", "templates", "--output", "/proc/booklet-hostile-site"]) {
                _ in
            }
        defer { scratch.remove() }
        #expect(result.status == 2)
        #expect(
            result.stderrLines == [
                "error: /proc/.booklet-hostile-site.booklet-staging: cannot create folder: No such file or directory"
            ])
    }

    /// A write failure half-way through (RLIMIT_FSIZE with SIGXFSZ ignored makes `write`
    /// fail with EFBIG, like a full disk): exit 2, old site intact, no staging left behind.
    @Test func writeFailureKeepsTheOldSite() throws {
        let (result, scratch, before) = try run(
            ["build", "--content", "content", "--templates", "templates", "--output", "site"],
            prefix: ["/bin/sh", "-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\""]
        ) {
            // Make the new site bigger than 8 blocks of 512 bytes per file.
            try $0.write(
                "introductions/big.md",
                "---\ntitle: Big\n---\n" + String(repeating: "A long paragraph. ", count: 2_000) + "\n")
        }
        defer { scratch.remove() }
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("cannot write file: File too large"), "\(result.stderr)")
        #expect(try treeContents(scratch.output, includingFolders: true) == before)
        #expect(try HostileTree.siblings(of: scratch.output) == ["content", "site", "templates"])
    }

    /// A real full disk: a 256 KB tmpfs holds the old site but not old + new. Needs the
    /// right to mount (root in a container that allows it); skipped otherwise.
    @Test func diskFullKeepsTheOldSite() throws {
        let scratch = try HostileScratch()
        defer { scratch.remove() }
        let disk = scratch.root + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: false)
        let mount = try CLI.run(
            ["/bin/mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk], in: scratch.root)
        guard mount.status == 0 else {
            print("diskFullKeepsTheOldSite: skipped, cannot mount tmpfs: \(mount.stderr)")
            return
        }
        defer { _ = try? CLI.run(["/bin/umount", disk], in: scratch.root) }
        let arguments = [
            booklet, "build", "--content", "content", "--templates", "templates", "--output", "disk/site", "--quiet",
        ]
        let first = try CLI.run(arguments, in: scratch.root)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try treeContents(disk + "/site", includingFolders: true)
        try scratch.write(
            "introductions/big.md",
            "---\ntitle: Big\n---\n" + String(repeating: "A long paragraph. ", count: 20_000) + "\n")
        let second = try CLI.run(arguments, in: scratch.root)
        #expect(second.status == 2)
        #expect(second.stderr.contains("No space left on device"), "\(second.stderr)")
        #expect(try treeContents(disk + "/site", includingFolders: true) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk) == ["site"])
        // Once there is room again, the next build succeeds.
        try FileManager.default.removeItem(atPath: scratch.content + "/introductions/big.md")
        try scratch.write("introductions/small.md", "---\ntitle: Small\n---\nBody.\n")
        let third = try CLI.run(arguments, in: scratch.root)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(FileManager.default.fileExists(atPath: disk + "/site/introductions/small.html"))
    }

    /// Root can read a mode-000 file, so run `check` as user nobody (setpriv), which the
    /// permission bits do stop. Skipped when setpriv is missing or the binary is not
    /// reachable by nobody.
    @Test func unreadableFileAsAnotherUser() throws {
        let scratch = try HostileScratch()
        defer { scratch.remove() }
        try scratch.write("introductions/secret.md", "---\ntitle: Secret\n---\nBody.\n")
        chmod(scratch.content + "/introductions/secret.md", 0)
        chmod(scratch.root, 0o755)
        var prefix: [String] = []
        if hostileIsRoot {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                print("unreadableFileAsAnotherUser: skipped, no setpriv")
                return
            }
            prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            let probe = try CLI.run(prefix + [booklet, "--version"], in: scratch.root)
            guard probe.status == 0 else {
                print("unreadableFileAsAnotherUser: skipped, nobody cannot run \(booklet): \(probe.stderr)")
                return
            }
        }
        let result = try CLI.run(
            prefix + [booklet, "check", "--content", "content", "--templates", "templates"], in: scratch.root)
        #expect(result.status == 1)
        #expect(
            result.stderrLines == [
                "content/introductions/secret.md: error: cannot read file: Permission denied",
                "1 error, 0 warnings",
            ])
    }
}
