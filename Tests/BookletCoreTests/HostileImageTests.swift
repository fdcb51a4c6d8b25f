import Foundation
import Testing

@testable import BookletCore

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile images and files (issue 17): each is refused at the line and column of the
/// image that uses it, the build fails, and the previous site stays as it was.
@Suite("Hostile images and files")
struct HostileImageTests {
    /// Appends `![alt](name)` to the welcome entry (line 13 of the file after this; the
    /// destination starts at column 14).
    static func showImage(_ scratch: HostileScratch, _ destination: String, alt: String = "A picture") throws {
        let entry = "introductions/welcome.md"
        try scratch.write(entry, try scratch.read(entry) + "\n![\(alt)](\(destination))\n")
    }

    static let line = 13

    static func png(width: UInt32, height: UInt32) -> [UInt8] {
        var ihdr: [UInt8] = Array("IHDR".utf8)
        for value in [width, height] { ihdr += withUnsafeBytes(of: value.bigEndian, Array.init) }
        ihdr += [8, 2, 0, 0, 0]
        let crc = CRC32.checksum(ihdr)
        return ImageHeader.pngSignature + [0, 0, 0, 13] + ihdr + withUnsafeBytes(of: crc.bigEndian, Array.init)
            + [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
    }

    @Test func svgWithAScriptIsRefused() async throws {
        try await expectAfterDamage { scratch in
            try scratch.write(
                "introductions/evil.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>")
            try Self.showImage(scratch, "evil.svg")
        } _: { report, scratch in
            expectHostileError(report, path: "introductions/welcome.md", line: Self.line, column: 14, "holds a script")
            #expect(!FileManager.default.fileExists(atPath: scratch.output + "/files/introductions/evil.svg"))
        }
    }

    @Test(arguments: [
        ("<svg width='9' height='9' onload='alert(1)'/>", "event attribute 'onload'"),
        ("<svg:svg width='9' height='9'><svg:SCRIPT>x</svg:SCRIPT></svg:svg>", "holds a script"),
        ("<svg width='9' height='9'><foreignObject><p>hi</p></foreignObject></svg>", "foreignObject"),
        ("<svg width='9' height='9'><image href='https://example.org/x.png'/></svg>", "refers to another file"),
        ("<svg width='9' height='9'><use xlink:href='other.svg#a'/></svg>", "refers to another file"),
        ("<svg width='9' height='9'><a href='&#106;avascript:alert(1)'/></svg>", "javascript"),
        ("<svg width='9' height='9' style='fill: url(http://x.org/p)'/>", "url("),
        ("<svg width='9' height='9'><style>@import 'x.css';</style></svg>", "@import"),
        ("<!DOCTYPE svg [<!ENTITY a 'b'>]><svg width='9' height='9'>&a;</svg>", "<!ENTITY"),
        ("<svg width='9' height='9'", "cannot be read"),
    ])
    func unsafeSVGIsRefused(svg: String, reason: String) async throws {
        try await expectAfterDamage { scratch in
            try scratch.write("introductions/drawing.svg", svg)
            try Self.showImage(scratch, "drawing.svg")
        } _: { report, _ in
            expectHostileError(report, path: "introductions/welcome.md", line: Self.line, reason)
        }
    }

    @Test func pngWithALyingHeaderIsRefused() async throws {
        // A header claiming 4 billion pixels a side, with a correct CRC.
        try await expectAfterDamage { scratch in
            try scratch.write("introductions/huge.png", bytes: Self.png(width: 0xFFFF_FFF0, height: 1))
            try Self.showImage(scratch, "huge.png")
        } _: { report, _ in
            expectHostileError(report, path: "introductions/welcome.md", line: Self.line, "claims 4294967280×1 pixels")
        }
        // A size edited after the CRC was written.
        try await expectAfterDamage { scratch in
            var bytes = Self.png(width: 10, height: 10)
            bytes[19] = 200
            try scratch.write("introductions/edited.png", bytes: bytes)
            try Self.showImage(scratch, "edited.png")
        } _: { report, _ in
            expectHostileError(report, path: "introductions/welcome.md", line: Self.line, "PNG header cannot be read")
        }
        // A JPEG named .png.
        try await expectAfterDamage { scratch in
            try scratch.write("introductions/photo.png", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array(repeating: 0, count: 20))
            try Self.showImage(scratch, "photo.png")
        } _: { report, _ in
            expectHostileError(report, path: "introductions/welcome.md", line: Self.line, "holds a JPEG image")
        }
    }

    @Test(arguments: ["empty.png", "empty.jpg", "empty.gif", "empty.webp", "empty.svg"])
    func zeroByteImageIsRefused(name: String) async throws {
        try await expectAfterDamage { scratch in
            try scratch.write("introductions/" + name, bytes: [])
            try Self.showImage(scratch, name)
        } _: { report, _ in
            expectHostileError(report, path: "introductions/welcome.md", line: Self.line, "the file is empty (0 bytes)")
        }
    }

    @Test func fileOver20MBIsRefusedFromItsSize() async throws {
        try await expectAfterDamage { scratch in
            // A sparse 25 MB file: refused from its size, never read.
            let path = scratch.content + "/introductions/minutes.pdf"
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            #expect(truncate(path, 25 * 1024 * 1024) == 0)
            let entry = "introductions/welcome.md"
            try scratch.write(entry, try scratch.read(entry) + "\nThe [minutes](minutes.pdf).\n")
        } _: { report, _ in
            expectHostileError(
                report, path: "introductions/welcome.md", line: Self.line, column: 15,
                "file 'minutes.pdf' cannot be attached: it is 25.0 MB, larger than 20 MB")
        }
    }

    @Test func symlinkedImageIsRefused() async throws {
        try await expectAfterDamage { scratch in
            let outside = NSTemporaryDirectory() + "booklet-outside-\(UUID().uuidString).png"
            try scratch.write(outside, bytes: Self.png(width: 4, height: 4))
            try FileManager.default.createSymbolicLink(
                atPath: scratch.content + "/introductions/linked.png", withDestinationPath: outside)
            try Self.showImage(scratch, "linked.png")
        } _: { report, scratch in
            expectHostileError(
                report, path: "introductions/welcome.md", line: Self.line, "it is a symbolic link")
            #expect(!FileManager.default.fileExists(atPath: scratch.output + "/files/introductions/linked.png"))
        }
    }

    @Test(arguments: [
        ("../../outside.png", "leaves the content folder"),
        ("../../content/introductions/x.png", "leaves the content folder"),
        ("../../../../../../etc/passwd.png", "leaves the content folder"),
        ("..%2F..%2Foutside.png", "leaves the content folder"),
        ("../ground-rules/chart.png", "is not beside this file"),
        ("sub/../../ground-rules/chart.png", "is not beside this file"),
    ])
    func nameWithDotDotIsRefused(destination: String, reason: String) async throws {
        try await expectAfterDamage { scratch in
            try scratch.write("ground-rules/chart.png", bytes: Self.png(width: 4, height: 4))
            try Self.showImage(scratch, destination)
        } _: { report, _ in
            expectHostileError(report, path: "introductions/welcome.md", line: Self.line, column: 14, reason)
        }
    }

    @Test func fileNamesThatAreHardInURLsAreCopiedAndEscaped() async throws {
        // A space, '#', '%', '&', a quote and an accent: copied under its own name, addressed exactly.
        let name = "plan #1 100% & \"é\".png"
        let scratch = try HostileScratch()
        defer { scratch.remove() }
        try scratch.write("introductions/" + name, bytes: Self.png(width: 30, height: 20))
        try Self.showImage(scratch, "<" + name.replacingOccurrences(of: "\"", with: "\\\"") + ">")
        let report = try await scratch.build(strict: true)
        #expect(report.succeeded, "\(report.lines)")
        let page = try String(contentsOfFile: scratch.output + "/introductions/welcome.html", encoding: .utf8)
        #expect(
            page.contains(
                "<img src=\"../files/introductions/plan%20%231%20100%25%20%26%20%22%C3%A9%22.png\" alt=\"A picture\" width=\"30\" height=\"20\">"
            ))
        #expect(FileManager.default.fileExists(atPath: scratch.output + "/files/introductions/" + name))
    }

    @Test func dotsInsideANameAreJustPartOfIt() async throws {
        // 'a..b.png' is a file name, not a way out; '..hidden.png' starts with a dot, so it
        // is a hidden file Booklet never reads, and naming it is a missing file.
        let scratch = try HostileScratch()
        defer { scratch.remove() }
        try scratch.write("introductions/a..b.png", bytes: Self.png(width: 3, height: 2))
        try Self.showImage(scratch, "a..b.png")
        let report = try await scratch.build(strict: true)
        #expect(report.succeeded, "\(report.lines)")
        #expect(FileManager.default.fileExists(atPath: scratch.output + "/files/introductions/a..b.png"))

        try scratch.write("introductions/..hidden.png", bytes: Self.png(width: 3, height: 2))
        try Self.showImage(scratch, "..hidden.png")
        let hidden = try await scratch.build()
        expectHostileError(hidden, path: "introductions/welcome.md", line: Self.line + 2, "no file '..hidden.png'")
    }
}
