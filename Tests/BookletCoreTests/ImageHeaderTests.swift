import Foundation
import Testing

@testable import BookletCore

/// Image sizes read from file headers (PNG, JPEG, GIF, WebP, SVG), and what is refused.
@Suite("Image headers")
struct ImageHeaderTests {
    static let fixtureFigures = Repository.fixtures + "/images/content/figures"

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: fixtureFigures + "/" + name)))
    }

    @Test(arguments: [
        ("circle.png", ImageFormat.png, 320, 200),
        ("steps.gif", .gif, 120, 60),
        ("photo.jpg", .jpeg, 240, 160),
        ("wave.webp", .webp, 200, 100),
    ])
    func realFilesGiveTheirSize(name: String, format: ImageFormat, width: Int, height: Int) throws {
        let size = try ImageHeader.size(of: Self.bytes(name), format: format).get()
        #expect(size == ImageSize(width: width, height: height))
        #expect(ImageHeader.sniff(try Self.bytes(name)) == format)
    }

    @Test func everyTruncationOfARealFileIsAnErrorNeverACrash() throws {
        for (name, format) in [
            ("circle.png", ImageFormat.png), ("steps.gif", .gif), ("photo.jpg", .jpeg), ("wave.webp", .webp),
        ] {
            let whole = try Self.bytes(name)
            for length in 0..<min(whole.count, 64) {
                let result = ImageHeader.size(of: Array(whole.prefix(length)), format: format)
                if case .success(let size) = result {
                    // A prefix may hold the whole header (then it must give the true size).
                    #expect(size == (try ImageHeader.size(of: whole, format: format).get()), "\(name) cut at \(length)")
                }
            }
        }
    }

    @Test func pngHeaderMustMatchItsChecksum() {
        var png = HostileImageTests.png(width: 10, height: 20)
        #expect(ImageHeader.png(png) == ImageSize(width: 10, height: 20))
        png[23] = 21
        #expect(ImageHeader.png(png) == nil)
    }

    @Test func zeroAndHugeSizesAreRefused() {
        for (width, height) in [(0, 5), (5, 0), (50_001, 5), (UInt32.max, UInt32.max)] as [(UInt32, UInt32)] {
            let result = ImageHeader.size(of: HostileImageTests.png(width: width, height: height), format: .png)
            guard case .failure(let problem) = result else {
                Issue.record("\(width)×\(height) accepted")
                continue
            }
            #expect(problem.message.contains("claims \(width)×\(height) pixels"))
        }
    }

    @Test func gifLogicalScreenSize() {
        let gif = Array("GIF87a".utf8) + [0x2C, 0x01, 0x90, 0x00] + [0, 0, 0]
        #expect(ImageHeader.gif(gif) == ImageSize(width: 300, height: 144))
        #expect(ImageHeader.gif(Array(gif.prefix(9))) == nil)
    }

    @Test func jpegSkipsSegmentsAndFillBytesAndChecksLengths() {
        // SOI, APP0 (length 4), fill bytes, SOF2 (progressive): height 0x0102, width 0x0304.
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0xAA, 0xBB, 0xFF, 0xFF, 0xC2, 0x00, 0x0B, 0x08, 0x01, 0x02, 0x03, 0x04, 0x03, 0, 0, 0]
        #expect(ImageHeader.jpeg(jpeg) == ImageSize(width: 0x0304, height: 0x0102))
        // DHT (C4) is not a frame header.
        var dht = jpeg
        dht[10] = 0xC4
        #expect(ImageHeader.jpeg(dht) == nil)
        // A segment length running past the end.
        var lying = jpeg
        lying[5] = 0xFF
        #expect(ImageHeader.jpeg(lying) == nil)
        // A zero length.
        var zero = jpeg
        zero[5] = 0
        #expect(ImageHeader.jpeg(zero) == nil)
        // Start of scan before a frame.
        #expect(ImageHeader.jpeg([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02]) == nil)
    }

    /// A JPEG with an EXIF APP1 segment (`little` or big-endian) giving `orientation`,
    /// then a 200×100 frame.
    static func jpeg(orientation: UInt16, little: Bool) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { little ? [UInt8(v & 0xFF), UInt8(v >> 8)] : [UInt8(v >> 8), UInt8(v & 0xFF)] }
        func u32(_ v: UInt32) -> [UInt8] { little ? u16(UInt16(v & 0xFFFF)) + u16(UInt16(v >> 16)) : u16(UInt16(v >> 16)) + u16(UInt16(v & 0xFFFF)) }
        let tiff = (little ? [0x49, 0x49] : [0x4D, 0x4D]) + u16(42) + u32(8) + u16(1)
            + u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0) + u32(0)
        let exif = Array("Exif".utf8) + [0, 0] + tiff
        let length = UInt16(exif.count + 2)
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + exif
            + [0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x64, 0x00, 0xC8, 0x03, 0, 0, 0]
    }

    @Test func jpegTurnedByItsExifOrientationSwapsWidthAndHeight() {
        for little in [true, false] {
            for orientation: UInt16 in 1...8 {
                let size = ImageHeader.jpeg(Self.jpeg(orientation: orientation, little: little))
                let expected = orientation >= 5 ? ImageSize(width: 100, height: 200) : ImageSize(width: 200, height: 100)
                #expect(size == expected, "orientation \(orientation), little-endian \(little)")
            }
        }
        // An EXIF offset pointing past the segment is ignored, not followed.
        var lying = Self.jpeg(orientation: 6, little: true)
        lying[16] = 0xF0
        #expect(ImageHeader.jpeg(lying) == ImageSize(width: 200, height: 100))
    }

    static func riff(_ chunk: String, _ payload: [UInt8]) -> [UInt8] {
        let size = UInt32(payload.count)
        return Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8) + Array(chunk.utf8)
            + withUnsafeBytes(of: size.littleEndian, Array.init) + payload
    }

    @Test func webpLossyLosslessAndExtended() {
        // VP8: frame tag (key frame), start code, 14-bit width 640 and height 480.
        let vp8 = Self.riff("VP8 ", [0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01])
        #expect(ImageHeader.webp(vp8) == ImageSize(width: 640, height: 480))
        // VP8L: signature, then width-1 = 99 and height-1 = 49 in 14 bits each.
        let bits = UInt32(99) | UInt32(49) << 14
        let vp8l = Self.riff("VP8L", [0x2F] + withUnsafeBytes(of: bits.littleEndian, Array.init) + [0, 0, 0, 0, 0])
        #expect(ImageHeader.webp(vp8l) == ImageSize(width: 100, height: 50))
        // VP8X: flags, reserved, canvas width-1 = 1023 and height-1 = 767 in 24 bits.
        let vp8x = Self.riff("VP8X", [0, 0, 0, 0, 0xFF, 0x03, 0x00, 0xFF, 0x02, 0x00])
        #expect(ImageHeader.webp(vp8x) == ImageSize(width: 1024, height: 768))
        // A chunk claiming more bytes than the file has.
        var lying = vp8x
        lying[16] = 0xFF
        #expect(ImageHeader.webp(lying) == nil)
        // A VP8 chunk without its start code.
        var broken = vp8
        broken[24] = 0
        #expect(ImageHeader.webp(broken) == nil)
    }

    @Test(arguments: [
        ("<svg width='120' height='80'/>", 120, 80),
        ("<svg width='120px' height='80.4px'/>", 120, 80),
        ("<svg width='72pt' height='1in'/>", 96, 96),
        ("<svg viewBox='0 0 300 150'/>", 300, 150),
        ("<svg width='600' viewBox='0,0,300,150'/>", 600, 300),
        ("<svg height='50%' viewBox='0 0 40 20'/>", 40, 20),
        ("<?xml version='1.0'?><!-- <script> in a comment --><svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><a href='#top'/></svg>", 10, 10),
        ("<svg width='9' height='9'><rect fill='url(#grad)'/></svg>", 9, 9),
    ])
    func svgSizes(svg: String, width: Int, height: Int) throws {
        #expect(try SVGImage.inspect(Array(svg.utf8)).get() == ImageSize(width: width, height: height))
    }

    @Test(arguments: [
        ("<svg/>", "gives no size"),
        ("<html><body/></html>", "no <svg> element"),
        ("<svg width='0' height='10'/>", "gives no size"),
        ("<svg width='1e12' height='10'/>", "gives no size"),
        ("<svg width='90000' height='10'/>", "claims 90000×10 pixels"),
        ("<svg width='9' height='9'><set onbegin='x'/></svg>", "event attribute 'onbegin'"),
        ("<svg width='9' height='9'><image src='data:image/png;base64,AAAA'/></svg>", "refers to another file"),
        ("<svg width='9' height='9'><rect style='fill:u&#114;l(http://x.org)'/></svg>", "url("),
    ])
    func svgRefusals(svg: String, reason: String) {
        guard case .failure(let problem) = SVGImage.inspect(Array(svg.utf8)) else {
            Issue.record("accepted: \(svg)")
            return
        }
        #expect(problem.message.contains(reason), "\(problem.message)")
    }

    @Test func sizesAreWrittenForPeople() {
        #expect(ContentFile.sizeText(0) == "0 bytes")
        #expect(ContentFile.sizeText(1023) == "1023 bytes")
        #expect(ContentFile.sizeText(120 * 1024) == "120 KB")
        #expect(ContentFile.sizeText(1024 * 1024 - 1) == "1024 KB")
        #expect(ContentFile.sizeText(1024 * 1024) == "1.0 MB")
        #expect(ContentFile.sizeText(25 * 1024 * 1024) == "25.0 MB")
    }

    @Test func urlPathsEscapeEverythingButPlainCharacters() {
        #expect(ContentFile.urlPath("files/a b/c#d%e&f\"g'é.png") == "files/a%20b/c%23d%25e%26f%22g%27%C3%A9.png")
        #expect(ContentFile.urlPath("files/ground-rules/chart_1.v2~.png") == "files/ground-rules/chart_1.v2~.png")
    }

    @Test func percentDecodingKeepsAPercentNotFollowedByHex() {
        #expect("100% & more".removingPercentEncodingIfPossible == "100% & more")
        #expect("a%20b%2".removingPercentEncodingIfPossible == "a b%2")
    }
}
