extension String {
    /// The text as an `href` value, written as cmark's HTML renderer writes link
    /// destinations (its `houdini_escape_href`), so a body renders as cmark renders it.
    var hrefEscaped: String { HrefEscaping.escape(self) }
}

/// Link destinations written as cmark writes them: letters, digits and
/// `-_.+!*(),%#@?=;:/$~` stay, `&` becomes `&amp;` and `'` becomes `&#x27;` (both are
/// URL characters that need an HTML entity), and every other byte of the UTF-8, a space,
/// a backslash or the bytes of `é` alike, becomes `%XX` with uppercase hex digits.
/// `%` itself is kept, so an already encoded destination is not encoded twice.
enum HrefEscaping {
    /// Bytes written as they are (the HREF_SAFE table of cmark 0.30, which Debian ships).
    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "!"),
            UInt8(ascii: "*"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: "%"),
            UInt8(ascii: "#"), UInt8(ascii: "@"), UInt8(ascii: "?"), UInt8(ascii: "="), UInt8(ascii: ";"),
            UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "$"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `text` escaped for an `href` attribute.
    static func escape(_ text: String) -> String {
        guard !text.utf8.allSatisfy(isSafe) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if isSafe(byte) {
                bytes.append(byte)
            } else if byte == UInt8(ascii: "&") {
                bytes += "&amp;".utf8
            } else if byte == UInt8(ascii: "'") {
                bytes += "&#x27;".utf8
            } else {
                bytes += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
