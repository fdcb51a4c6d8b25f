import Foundation
import Testing

@testable import BookletCore

/// The `booklet` command on the `images` fixture, as an editor runs it: a clean build
/// publishes the files, and a broken figure is one compiler-style line with exit status 1
/// that leaves the previous site as it was.
@Suite("Command line: images")
struct ImageCLITests {
    @Test func brokenFigureIsOneLineAndTheSiteStays() throws {
        let executable = try #require(CLI.executable, "build the booklet product first")
        let folder = Repository.scratch.appendingPathComponent(UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Repository.fixtures + "/images/content", toPath: folder + "/content")
        let build = try CLI.run([executable, "build", "--strict", "--templates", Repository.templates], in: folder)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.hasPrefix("Built 2 entries, 22 files"))
        let before = try treeContents(folder + "/site", includingFolders: true)
        #expect(before["files/figures/circle.png"] != nil && before["files/logo.svg"] != nil)

        let entry = folder + "/content/figures/the-room.md"
        let text = try String(contentsOfFile: entry, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "![A circle of eight chairs around a low table]", with: "![]").utf8)
            .write(to: URL(fileURLWithPath: entry))
        let broken = try CLI.run([executable, "build", "--templates", Repository.templates], in: folder)
        #expect(broken.status == 1)
        #expect(
            broken.stderr.hasPrefix(
                "content/figures/the-room.md:7:5: error: image 'circle.png' has no alt text; readers using screen readers need it: say what the picture shows between the brackets, ![like this](circle.png)\n"
            ), "\(broken.stderr)")
        #expect(try treeContents(folder + "/site", includingFolders: true) == before)
    }
}
