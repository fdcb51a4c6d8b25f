/// The image formats Booklet shows, by file name extension.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    case png = "PNG"
    case jpeg = "JPEG"
    case gif = "GIF"
    case webp = "WebP"
    case svg = "SVG"

    /// The format a file name's extension (any case) names, or nil for other files.
    static func forFileName(_ name: String) -> ImageFormat? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "png": return .png
        case "jpg", "jpeg": return .jpeg
        case "gif": return .gif
        case "webp": return .webp
        case "svg": return .svg
        default: return nil
        }
    }
}

/// Width and height in CSS pixels, read from an image file's own header.
public struct ImageSize: Sendable, Hashable {
    /// Width in CSS pixels.
    public var width: Int
    /// Height in CSS pixels.
    public var height: Int

    /// The largest side Booklet believes: a header claiming more lies (or the image could
    /// not be shown anyway). 50,000 px is far beyond any figure of a booklet.
    static let maximumSide = 50_000
}

/// Reads the width and height of PNG, JPEG, GIF and WebP files from their headers, with
/// no image library: each parser reads a few fixed fields and checks every length against
/// the bytes there are, so a truncated file, a lying length or a zero size is an error,
/// never a crash or a read past the end.
enum ImageHeader {
    /// The size of raster image `bytes` in `format`, or why it cannot be read. SVG is
    /// read by `SVGImage`.
    static func size(of bytes: [UInt8], format: ImageFormat) -> Result<ImageSize, ImageProblem> {
        if bytes.isEmpty { return .failure(ImageProblem("the file is empty (0 bytes)")) }
        let found: ImageSize?
        switch format {
        case .png: found = png(bytes)
        case .jpeg: found = jpeg(bytes)
        case .gif: found = gif(bytes)
        case .webp: found = webp(bytes)
        case .svg: return .failure(ImageProblem("SVG sizes are read from the XML"))
        }
        guard let size = found else {
            let actual = sniff(bytes)
            if let actual, actual != format {
                return .failure(
                    ImageProblem(
                        "the file is named as \(format.rawValue) but holds a \(actual.rawValue) image; rename it with the right extension"
                    ))
            }
            return .failure(
                ImageProblem(
                    "its \(format.rawValue) header cannot be read (the file is damaged, cut short, or not a \(format.rawValue) image)"
                ))
        }
        return checked(size, format: format)
    }

    /// `size` when both sides are between 1 and `ImageSize.maximumSide`.
    static func checked(_ size: ImageSize, format: ImageFormat) -> Result<ImageSize, ImageProblem> {
        let range = 1...ImageSize.maximumSide
        guard range.contains(size.width), range.contains(size.height) else {
            return .failure(
                ImageProblem(
                    "its \(format.rawValue) header claims \(size.width)×\(size.height) pixels; an image must be 1 to \(ImageSize.maximumSide) pixels on each side (the header is wrong, or the image is far too large)"
                ))
        }
        return .success(size)
    }

    /// The format the bytes start like, whatever the file's name says.
    static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        if bytes.starts(with: pngSignature) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return .gif }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return .webp
        }
        return nil
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// PNG: the signature, then the IHDR chunk (length 13, type, width and height as
    /// big-endian 32-bit numbers, five more bytes, CRC). The CRC must match, so a header
    /// edited to claim another size is caught.
    static func png(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 33, bytes.starts(with: pngSignature), bigEndian32(bytes, 8) == 13,
            Array(bytes[12..<16]) == Array("IHDR".utf8)
        else { return nil }
        guard CRC32.checksum(bytes[12..<29]) == bigEndian32(bytes, 29) else { return nil }
        return ImageSize(width: Int(bigEndian32(bytes, 16)), height: Int(bigEndian32(bytes, 20)))
    }

    /// GIF: the signature, then the logical screen's width and height (little-endian 16-bit).
    static func gif(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 10, sniff(bytes) == .gif else { return nil }
        return ImageSize(width: littleEndian16(bytes, 6), height: littleEndian16(bytes, 8))
    }

    /// JPEG: segments from SOI; the first start-of-frame marker (SOF0–SOF15 but DHT, JPG
    /// and DAC) holds height then width (big-endian 16-bit). Each segment's length is
    /// checked against the file, and the walk stops at the start of scan.
    static func jpeg(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var offset = 2
        // Browsers turn a photo as its EXIF orientation says: 5 to 8 swap width and height.
        var turned = false
        while offset + 1 < bytes.count {
            guard bytes[offset] == 0xFF else { return nil }
            // Fill bytes: any number of 0xFF before a marker.
            var markerAt = offset + 1
            while markerAt < bytes.count && bytes[markerAt] == 0xFF { markerAt += 1 }
            guard markerAt < bytes.count else { return nil }
            let marker = bytes[markerAt]
            offset = markerAt + 1
            // Markers without a length: TEM, RST0–7, SOI.
            if marker == 0x01 || (0xD0...0xD8).contains(marker) { continue }
            // End of image or start of scan before any frame header: no size.
            if marker == 0xD9 || marker == 0xDA { return nil }
            guard offset + 2 <= bytes.count else { return nil }
            let length = bigEndian16(bytes, offset)
            guard length >= 2, offset + length <= bytes.count else { return nil }
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                // Length, precision, height, width.
                guard length >= 7 else { return nil }
                let (width, height) = (bigEndian16(bytes, offset + 5), bigEndian16(bytes, offset + 3))
                return turned ? ImageSize(width: height, height: width) : ImageSize(width: width, height: height)
            }
            if marker == 0xE1, let orientation = exifOrientation(bytes[(offset + 2)..<(offset + length)]) {
                turned = (5...8).contains(orientation)
            }
            offset += length
        }
        return nil
    }

    /// The orientation tag (0x0112) of an APP1 segment's EXIF data (after its length), or
    /// nil. Every offset is checked against the segment.
    static func exifOrientation(_ segment: ArraySlice<UInt8>) -> Int? {
        let data = Array(segment)
        guard data.count >= 14, data.starts(with: Array("Exif".utf8) + [0, 0]) else { return nil }
        let tiff = 6
        let little: Bool
        switch (data[tiff], data[tiff + 1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func read16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= data.count else { return nil }
            return little ? Int(data[at]) | Int(data[at + 1]) << 8 : Int(data[at]) << 8 | Int(data[at + 1])
        }
        func read32(_ at: Int) -> Int? {
            guard let a = read16(at), let b = read16(at + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard let first = read32(tiff + 4), let count = read16(tiff + first) else { return nil }
        for entry in 0..<min(count, 512) {
            let at = tiff + first + 2 + entry * 12
            guard let tag = read16(at) else { return nil }
            if tag == 0x0112 { return read16(at + 8) }
        }
        return nil
    }

    /// WebP: RIFF, its size, WEBP, then the first chunk: VP8X (canvas width and height
    /// minus one, 24-bit little-endian), VP8L (14-bit width and height minus one after the
    /// 0x2F signature) or VP8 (the key frame's start code, then 14-bit width and height).
    static func webp(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 30, sniff(bytes) == .webp else { return nil }
        let chunk = Array(bytes[12..<16])
        let chunkSize = Int(littleEndian32(bytes, 16))
        guard chunkSize <= bytes.count - 20 else { return nil }
        switch chunk {
        case Array("VP8X".utf8):
            guard chunkSize >= 10 else { return nil }
            return ImageSize(width: littleEndian24(bytes, 24) + 1, height: littleEndian24(bytes, 27) + 1)
        case Array("VP8L".utf8):
            guard chunkSize >= 5, bytes[20] == 0x2F else { return nil }
            let bits = littleEndian32(bytes, 21)
            return ImageSize(width: Int(bits & 0x3FFF) + 1, height: Int((bits >> 14) & 0x3FFF) + 1)
        case Array("VP8 ".utf8):
            guard chunkSize >= 10, bytes[23] == 0x9D, bytes[24] == 0x01, bytes[25] == 0x2A,
                bytes[20] & 0x01 == 0  // a key frame
            else { return nil }
            return ImageSize(width: littleEndian16(bytes, 26) & 0x3FFF, height: littleEndian16(bytes, 28) & 0x3FFF)
        default:
            return nil
        }
    }

    private static func bigEndian32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[at + $1]) }
    }
    private static func bigEndian16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
    private static func littleEndian16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    private static func littleEndian24(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16
    }
    private static func littleEndian32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reversed().reduce(0) { $0 << 8 | UInt32(bytes[at + $1]) }
    }
}

/// Why an image file cannot be shown, in words for the editor.
public struct ImageProblem: Error, Sendable, Hashable {
    /// The reason, a clause to follow "cannot be shown: ".
    public var message: String
    init(_ message: String) { self.message = message }
}

/// CRC-32 (ISO 3309, as PNG uses it), computed bit by bit: only PNG's 17-byte IHDR and
/// files' fingerprints use it.
enum CRC32 {
    static func checksum<C: Collection<UInt8>>(_ bytes: C, start: UInt32 = 0) -> UInt32 {
        var crc = ~start
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
