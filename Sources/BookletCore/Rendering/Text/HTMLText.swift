/// The readable text of raw HTML written in Markdown, for the plain-text outputs, which can
/// show neither tags nor entities.
enum HTMLText {
    /// `html` without comments and tags, entities decoded, runs of whitespace as one space.
    static func visibleText(_ html: String) -> String {
        var text = ""
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            text += rest[..<open]
            let after = rest[open...]
            if after.hasPrefix("<!--") {
                guard let end = after.range(of: "-->") else { return collapse(decodeEntities(text)) }
                rest = after[end.upperBound...]
            } else if let close = after.firstIndex(of: ">") {
                rest = after[after.index(after: close)...]
            } else {
                text += after
                rest = ""
            }
        }
        text += rest
        return collapse(decodeEntities(text))
    }

    private static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "mdash": "—", "ndash": "–",
        "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "copy": "©",
    ]

    /// Decodes numeric entities and the common named ones; unknown names stay as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(12).firstIndex(of: ";") {
                let name = String(after[..<semicolon])
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map {
                        String(Character($0))
                    }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    decoded = named[name]
                }
                if let decoded {
                    result += decoded
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        result += rest
        return result
    }
}
