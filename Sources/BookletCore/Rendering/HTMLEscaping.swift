extension String {
    /// The text with `&`, `<`, `>` and `"` escaped, safe in element content and quoted attributes.
    var htmlEscaped: String { HTMLEscaping.escape(self) }
}

/// HTML escaping, byte by byte: the five characters are ASCII, so no other byte of UTF-8
/// can be one of them, and a `"` followed by a combining mark (one Character) is escaped too.
enum HTMLEscaping {
    @inline(__always)
    private static func special(_ byte: UInt8, apostrophes: Bool) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || (apostrophes && byte == 0x27)
    }

    @inline(__always)
    private static func appendEscaped(_ byte: UInt8, apostrophes: Bool, to output: inout [UInt8]) {
        switch byte {
        case 0x26: output += "&amp;".utf8
        case 0x3C: output += "&lt;".utf8
        case 0x3E: output += "&gt;".utf8
        case 0x22: output += "&quot;".utf8
        case 0x27 where apostrophes: output += "&#39;".utf8
        default: output.append(byte)
        }
    }

    /// Appends `text` to `output` escaped as `{{name}}` escapes it (apostrophes included).
    static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var clean = 0
            for (index, byte) in bytes.enumerated() where special(byte, apostrophes: true) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<index]))
                appendEscaped(byte, apostrophes: true, to: &output)
                clean = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean...]))
        }
    }

    /// `text` escaped, apostrophes left as they are (`htmlEscaped`).
    static func escape(_ text: String) -> String {
        let apostrophes = false
        // Most texts need nothing: find that out on the contiguous bytes, without copying.
        let clean =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                !bytes.contains { special($0, apostrophes: apostrophes) }
            } ?? !text.utf8.contains { special($0, apostrophes: apostrophes) }
        guard !clean else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 { appendEscaped(byte, apostrophes: apostrophes, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
