/// How a request's path maps to a file of the in-memory site.
///
/// The path is read from the raw request target, not from a normalised form: every
/// segment is percent-decoded strictly and must then be a plain name. `..`, `.`, an
/// encoded `/` or `\`, a backslash, NUL or any control character, and bytes that are not
/// valid (shortest-form) UTF-8 make the path invalid, so the answer is 404 and never a
/// file found by walking out of the site. Files are only ever looked up by these names
/// in the site's dictionary; nothing is read from disk.
public enum SitePath: Equatable, Sendable {
    /// A file: its path in the site (`ground-rules/index.html`).
    case file(String)
    /// A folder path ending in `/` (or the root): serve its `index.html` if the site has one.
    case folder(String)
    /// A path that cannot name a site file.
    case invalid
    /// Longer than `maximumLength` bytes.
    case tooLong

    /// The longest request target accepted, in bytes.
    public static let maximumLength = 2048

    /// Resolves the raw request target (`/a/b.html?q=1`).
    public static func resolve(target: String) -> SitePath {
        let bytes = Array(target.utf8)
        guard bytes.count <= maximumLength else { return .tooLong }
        // The query is not part of the path; a fragment is never sent, but drop it too.
        let end = bytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) ?? bytes.count
        let path = bytes[..<end]
        guard path.first == UInt8(ascii: "/") else { return .invalid }
        let raw = path.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var names: [String] = []
        for (index, segment) in raw.enumerated() {
            if segment.isEmpty {
                // Only a final `/` (a folder) may leave an empty segment: `//` is refused.
                if index == raw.count - 1 { break }
                return .invalid
            }
            guard let name = decode(segment) else { return .invalid }
            names.append(name)
        }
        let joined = names.joined(separator: "/")
        if path.last == UInt8(ascii: "/") {
            return .folder(joined.isEmpty ? "" : joined + "/")
        }
        return .file(joined)
    }

    /// One segment, percent-decoded; nil unless it is a plain file or folder name.
    static func decode(_ segment: ArraySlice<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segment.count)
        var i = segment.startIndex
        while i < segment.endIndex {
            let byte = segment[i]
            if byte == UInt8(ascii: "%") {
                guard i + 2 < segment.endIndex, let high = hexValue(segment[i + 1]), let low = hexValue(segment[i + 2])
                else { return nil }
                bytes.append(high << 4 | low)
                i += 3
            } else {
                bytes.append(byte)
                i += 1
            }
        }
        // Swift's UTF-8 validation refuses overlong forms (`C0 AE` for `.`) and surrogates.
        guard let name = String(validating: bytes, as: UTF8.self) else { return nil }
        if name == "." || name == ".." { return nil }
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0..<0x20, 0x7F, 0x80..<0xA0: return nil
            case 0x2F, 0x5C: return nil  // `/` and `\` inside a name
            default: continue
            }
        }
        return name
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The `Content-Type` of a site file, from its extension; text types say `charset=utf-8`.
public enum ContentType {
    /// The type of HTML pages.
    public static let html = "text/html; charset=utf-8"

    /// The header value for `path`.
    public static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        switch ext {
        case "html", "htm": return html
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json", "map": return "application/json; charset=utf-8"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "webmanifest": return "application/manifest+json; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "ttf": return "font/ttf"
        case "otf": return "font/otf"
        case "pdf": return "application/pdf"
        case "epub": return "application/epub+zip"
        default: return "application/octet-stream"
        }
    }
}
