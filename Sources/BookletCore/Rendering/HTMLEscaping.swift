import Mustache

extension String {
    /// The text with `&`, `<`, `>` and `"` escaped, safe in element content and quoted attributes.
    var htmlEscaped: String { escapingHTML(apostrophes: false) }

    /// The text escaped as Mustache escapes `{{name}}` in HTML: `&`, `<`, `>`, `"`, and `'` as `&#39;`.
    var mustacheEscaped: String { escapingHTML(apostrophes: true) }

    /// Escapes byte by byte: the five characters are ASCII, so no other byte of UTF-8 can be
    /// one of them, and a character made of `"` and a combining mark is escaped too.
    @inline(__always)
    private func escapingHTML(apostrophes: Bool) -> String {
        @inline(__always) func special(_ byte: UInt8) -> Bool {
            byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || (apostrophes && byte == 0x27)
        }
        // Most texts need nothing: find that out on the contiguous bytes, without copying.
        let clean =
            utf8.withContiguousStorageIfAvailable { bytes in
                for byte in bytes where special(byte) { return false }
                return true
            } ?? !utf8.contains(where: special)
        guard !clean else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: bytes += "&amp;".utf8
            case 0x3C: bytes += "&lt;".utf8
            case 0x3E: bytes += "&gt;".utf8
            case 0x22: bytes += "&quot;".utf8
            case 0x27 where apostrophes: bytes += "&#39;".utf8
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The escaping of `{{name}}` in every template. swift-mustache's own HTML content type
/// escapes the same characters, but walks Characters through a dictionary (at 10,000
/// entries, over a quarter of the time spent rendering pages), and misses a `"` followed
/// by a combining mark, which is one Character. Templates switch to this one with a
/// pragma that `TemplateSet` adds.
struct MustacheHTML: MustacheContentType {
    /// The name the pragma uses.
    static let name = "BOOKLET_HTML"

    func escapeText(_ text: String) -> String { text.mustacheEscaped }
}
