/// Reads an SVG file's size and refuses what could run or load anything: SVG is XML that
/// a browser may execute, so Booklet publishes only drawings.
///
/// The scan is a small tag reader, not a full XML parser: it walks every tag (skipping
/// comments, processing instructions and CDATA markers), reads each attribute, and refuses
/// - a `script` element, in any case or namespace (`<svg:SCRIPT>`);
/// - an event attribute (`onload`, `onclick`, any `on…`);
/// - a `foreignObject` element (HTML inside the drawing);
/// - an external reference: `href`, `xlink:href` or `src` not starting with `#`, any
///   `url(…)` not starting with `#`, `@import`, or a `javascript:` address;
/// - an entity declaration (`<!ENTITY`), which can expand without end or read files.
/// Anything it cannot read as tags is refused too. Linear in the file's length.
enum SVGImage {
    static func inspect(_ bytes: [UInt8]) -> Result<ImageSize, ImageProblem> {
        if bytes.isEmpty { return .failure(ImageProblem("the file is empty (0 bytes)")) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(ImageProblem("the SVG file is not UTF-8 text"))
        }
        let lower = Array(text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 })
        if let unsafe = refusal(lower) { return .failure(ImageProblem(unsafe + Self.advice)) }
        var root: [String: String]?
        var problem: String?
        scanTags(Array(text.utf8)) { name, attributes in
            if root == nil, localName(name) == "svg" { root = attributes }
            if problem == nil { problem = check(element: name, attributes: attributes) }
        } failed: {
            problem = problem ?? "its XML cannot be read (a tag is not closed)"
        }
        if let problem { return .failure(ImageProblem(problem + Self.advice)) }
        guard let root else { return .failure(ImageProblem("the file has no <svg> element; it is not an SVG image")) }
        guard let size = size(of: root) else {
            return .failure(
                ImageProblem(
                    "the SVG gives no size: give its <svg> element width and height in pixels, or a viewBox"))
        }
        return ImageHeader.checked(size, format: .svg)
    }

    static let advice = "; Booklet publishes only drawings, never SVG that can run or load anything (save it again as plain SVG, or as PNG)"

    /// A reason to refuse that shows in the text itself, wherever it is.
    private static func refusal(_ lower: [UInt8]) -> String? {
        if contains(lower, "<!entity") { return "the SVG declares XML entities (<!ENTITY)" }
        if contains(lower, "@import") { return "the SVG imports a style sheet (@import)" }
        if contains(lower, "javascript:") { return "the SVG holds a 'javascript:' address" }
        // Every url( must point into the drawing: url(#id).
        var from = 0
        while let found = find(lower, "url(", from: from) {
            var at = found + 4
            while at < lower.count, [0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27].contains(lower[at]) { at += 1 }
            if at >= lower.count || lower[at] != UInt8(ascii: "#") {
                return "the SVG refers to another file or address with url(…)"
            }
            from = at
        }
        return nil
    }

    /// Why an element or its attributes are refused, or nil.
    private static func check(element name: String, attributes: [String: String]) -> String? {
        switch localName(name) {
        case "script": return "the SVG holds a script"
        case "foreignobject": return "the SVG holds a foreignObject (HTML inside the drawing)"
        default: break
        }
        for (attribute, value) in attributes.sorted(by: { $0.key < $1.key }) {
            let local = localName(attribute)
            // Values are read with their character references decoded, so they are checked again.
            if let unsafe = refusal(Array(value.lowercased().utf8)) { return unsafe }
            if local.hasPrefix("on") { return "the SVG has an event attribute '\(attribute)', which runs a script" }
            if local == "href" || local == "src" {
                let trimmed = value.trimmingSpaces
                if !trimmed.hasPrefix("#") {
                    return "the SVG refers to another file or address ('\(attribute)=\"\(trimmed)\"')"
                }
            }
        }
        return nil
    }

    /// `name` without its namespace prefix, lowercased.
    static func localName(_ name: String) -> String {
        let local = name.split(separator: ":").last.map(String.init) ?? name
        return local.lowercased()
    }

    /// Width and height from the root's attributes, the missing ones from its viewBox.
    static func size(of root: [String: String]) -> ImageSize? {
        let width = root["width"].flatMap(pixels)
        let height = root["height"].flatMap(pixels)
        var box: (Double, Double)?
        if let viewBox = root["viewBox"] ?? root["viewbox"] {
            let numbers = viewBox.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" })
                .compactMap { Double($0) }
            if numbers.count == 4, numbers[2] > 0, numbers[3] > 0, numbers[2].isFinite, numbers[3].isFinite {
                box = (numbers[2], numbers[3])
            }
        }
        let size: (Double, Double)
        switch (width, height, box) {
        case let (w?, h?, _): size = (w, h)
        case let (w?, nil, (bw, bh)?): size = (w, w * bh / bw)
        case let (nil, h?, (bw, bh)?): size = (h * bw / bh, h)
        case let (nil, nil, (bw, bh)?): size = (bw, bh)
        default: return nil
        }
        guard size.0.isFinite, size.1.isFinite, size.0 < 1e9, size.1 < 1e9 else { return nil }
        return ImageSize(width: Int(size.0.rounded()), height: Int(size.1.rounded()))
    }

    /// A length in CSS pixels: a number with no unit, `px`, `pt`, `pc`, `in`, `cm` or `mm`;
    /// nil for relative units (`%`, `em`), which give no size of their own.
    static func pixels(_ value: String) -> Double? {
        let trimmed = value.trimmingSpaces.lowercased()
        let units: [(String, Double)] = [
            ("px", 1), ("pt", 4.0 / 3), ("pc", 16), ("in", 96), ("cm", 96 / 2.54), ("mm", 96 / 25.4),
        ]
        for (unit, factor) in units where trimmed.hasSuffix(unit) {
            return Double(trimmed.dropLast(unit.count)).flatMap { $0.isFinite && $0 > 0 ? $0 * factor : nil }
        }
        return Double(trimmed).flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
    }

    /// Calls `element` with the name and attributes of every start tag (and empty-element
    /// tag) of `bytes`, in order; `failed` when a tag or comment is not closed.
    static func scanTags(
        _ bytes: [UInt8], element: (String, [String: String]) -> Void, failed: () -> Void
    ) {
        var at = 0
        let count = bytes.count
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        func skip(to terminator: String) -> Bool {
            guard let end = find(bytes, terminator, from: at) else { return false }
            at = end + terminator.utf8.count
            return true
        }
        while at < count {
            guard bytes[at] == UInt8(ascii: "<") else {
                at += 1
                continue
            }
            at += 1
            guard at < count else { return failed() }
            if startsWith(bytes, "!--", at: at) {
                guard skip(to: "-->") else { return failed() }
                continue
            }
            if startsWith(bytes, "![CDATA[", at: at) {
                guard skip(to: "]]>") else { return failed() }
                continue
            }
            if bytes[at] == UInt8(ascii: "?") || bytes[at] == UInt8(ascii: "!") || bytes[at] == UInt8(ascii: "/") {
                guard skip(to: ">") else { return failed() }
                continue
            }
            let nameStart = at
            while at < count, !isSpace(bytes[at]), bytes[at] != UInt8(ascii: ">"), bytes[at] != UInt8(ascii: "/") {
                at += 1
            }
            let name = String(decoding: bytes[nameStart..<at], as: UTF8.self)
            var attributes: [String: String] = [:]
            while true {
                while at < count, isSpace(bytes[at]) || bytes[at] == UInt8(ascii: "/") { at += 1 }
                guard at < count else { return failed() }
                if bytes[at] == UInt8(ascii: ">") {
                    at += 1
                    break
                }
                let attributeStart = at
                while at < count, !isSpace(bytes[at]), bytes[at] != UInt8(ascii: "="), bytes[at] != UInt8(ascii: ">") {
                    at += 1
                }
                let attribute = String(decoding: bytes[attributeStart..<at], as: UTF8.self)
                while at < count, isSpace(bytes[at]) { at += 1 }
                var value = ""
                if at < count, bytes[at] == UInt8(ascii: "=") {
                    at += 1
                    while at < count, isSpace(bytes[at]) { at += 1 }
                    guard at < count else { return failed() }
                    let quote = bytes[at]
                    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        at += 1
                        let valueStart = at
                        while at < count, bytes[at] != quote { at += 1 }
                        guard at < count else { return failed() }
                        value = String(decoding: bytes[valueStart..<at], as: UTF8.self)
                        at += 1
                    } else {
                        let valueStart = at
                        while at < count, !isSpace(bytes[at]), bytes[at] != UInt8(ascii: ">") { at += 1 }
                        value = String(decoding: bytes[valueStart..<at], as: UTF8.self)
                    }
                }
                if !attribute.isEmpty { attributes[attribute] = decodeEntities(value) }
            }
            element(name, attributes)
        }
    }

    /// Character references in an attribute value (`&#x6A;avascript:` is `javascript:`).
    static func decodeEntities(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var result = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            rest = rest[amp...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            var decoded: String?
            if let known = named[name] {
                decoded = known
            } else if name.hasPrefix("#x") || name.hasPrefix("#X") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            }
            if let decoded {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }

    private static func startsWith(_ bytes: [UInt8], _ prefix: String, at: Int) -> Bool {
        let needle = Array(prefix.utf8)
        return at + needle.count <= bytes.count && Array(bytes[at..<at + needle.count]) == needle
    }

    private static func contains(_ bytes: [UInt8], _ needle: String) -> Bool { find(bytes, needle, from: 0) != nil }

    /// The first index at or after `from` where `needle` starts (`needle` is short).
    static func find(_ bytes: [UInt8], _ needle: String, from: Int) -> Int? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, bytes.count >= pattern.count, from <= bytes.count - pattern.count else {
            return nil
        }
        var index = from
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == first {
                var offset = 1
                while offset < pattern.count && bytes[index + offset] == pattern[offset] { offset += 1 }
                if offset == pattern.count { return index }
            }
            index += 1
        }
        return nil
    }
}
