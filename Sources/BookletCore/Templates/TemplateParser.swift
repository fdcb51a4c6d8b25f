import Foundation

/// Parses one template's text into nodes, following the Mustache spec's rules for
/// standalone tags (a line holding only a section, comment, partial, block or delimiter tag
/// and white space is left out of the output whole) and for inheritance.
///
/// Works on UTF-8 bytes; every tag keeps its line and column for messages. Fails at the
/// first syntax error, with its position.
struct TemplateParser {
    /// A syntax error and where it is.
    struct Failure: Error, Equatable {
        var message: String
        var at: TemplatePosition
    }

    /// Sections, partials and blocks nested deeper than this are a syntax error, so that a
    /// hostile template cannot exhaust the stack.
    static let maximumNesting = 100

    private let bytes: [UInt8]
    private var offset = 0
    /// Byte offset where each line starts, for positions.
    private var lineStarts: [Int] = [0]
    private var lineCounted = 0
    /// The last position computed: its line's start, its byte offset and its column.
    private var columnCache = (lineStart: -1, offset: 0, column: 1)
    private var escaping: Bool

    /// Parses `text`. `escaping` is whether `{{name}}` escapes HTML at the start (a
    /// `{{% CONTENT_TYPE: TEXT}}` or `HTML` pragma changes it from there on).
    static func parse(_ text: String, escaping: Bool) throws(Failure) -> [TemplateNode] {
        var parser = TemplateParser(bytes: Array(text.utf8), escaping: escaping)
        return try parser.parse(State(), depth: 0)
    }

    private init(bytes: [UInt8], escaping: Bool) {
        self.bytes = bytes
        self.escaping = escaping
    }

    /// What the parser knows at a point: delimiters, the section it is in, and whether it
    /// stands at the start of a line (where a tag may be standalone).
    private struct State {
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
        /// The tag that ends the current nested parse, if any.
        var closing: Closing?
        var atLineStart = true
        /// Directly inside `{{<parent}}`, where `{{$name}}` defines an override.
        var parentTopLevel = false
        /// In a block's body (an override, or a standalone block's default), whose lines are
        /// re-indented where the block is expanded: the indentation of its first line, which
        /// is removed from each line.
        var reindents = false
        var definitionIndent: [UInt8]?
        /// Where the line that gave `definitionIndent` starts its content.
        var definitionIndentAt = -1
        /// White space removed from each line first, for the blocks around this one.
        var outerStrip = 0

        /// What a block nested here must remove from each line before its own indentation.
        var totalStrip: Int { outerStrip + (reindents ? definitionIndent?.count ?? 0 : 0) }

        /// The state for the body of a block that re-indents its lines.
        func reindenting() -> State {
            var inner = self
            inner.outerStrip = totalStrip
            inner.reindents = true
            inner.definitionIndent = nil
            return inner
        }
    }

    /// The first-line indentation the last finished block body recorded.
    private var lastDefinitionIndent: [UInt8]?

    /// What a `{{/…}}` tag must close.
    private enum Closing {
        case section(TemplateName)
        case block(String)
        case parent(String)
    }

    // MARK: - The main loop

    /// Parses until the end of the text or the tag that closes `initial.closing`, which was
    /// opened at `opened`.
    private mutating func parse(_ initial: State, depth: Int, opened: TemplatePosition = TemplatePosition(line: 1, column: 1))
        throws(Failure) -> [TemplateNode]
    {
        var nodes: [TemplateNode] = []
        var state = initial
        var whiteSpaceBefore: ArraySlice<UInt8> = []
        func flushWhiteSpace(_ nodes: inout [TemplateNode], _ white: inout ArraySlice<UInt8>) {
            if !white.isEmpty { nodes.append(.text(Array(white))) }
            white = []
        }
        // Where the current line's content starts, after its indentation.
        var contentStart = -1
        while offset < bytes.count {
            if state.atLineStart {
                let white = readSpacesAndTabs().dropFirst(state.outerStrip)
                contentStart = offset
                if state.reindents {
                    if let indent = state.definitionIndent {
                        whiteSpaceBefore = white.dropFirst(indent.count)
                    } else {
                        state.definitionIndent = Array(white)
                        state.definitionIndentAt = offset
                        whiteSpaceBefore = []
                    }
                } else {
                    whiteSpaceBefore = white
                }
            }
            let (text, newline) = readUntilTagOrNewline(state)
            if let newline {
                nodes.append(.text(Array(whiteSpaceBefore) + Array(text) + newline))
                whiteSpaceBefore = []
                state.atLineStart = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array(whiteSpaceBefore) + Array(text)))
                whiteSpaceBefore = []
                state.atLineStart = false
            }
            guard offset < bytes.count else { break }
            // At a tag: `offset` is just past the opening delimiter.
            let tagOffset = offset - state.open.count
            let tagStart = position(of: tagOffset)
            guard depth < Self.maximumNesting else {
                throw Failure(
                    message: "sections, partials and blocks are nested more than \(Self.maximumNesting) deep",
                    at: tagStart)
            }
            var standalone = false
            let sigil = offset < bytes.count ? bytes[offset] : 0
            switch sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                offset += 1
                let name = try readName(state, tagStart: tagStart)
                standalone = isStandalone(state)
                if !standalone { flushWhiteSpace(&nodes, &whiteSpaceBefore) }
                var inner = state
                inner.closing = .section(name)
                inner.parentTopLevel = false
                inner.atLineStart = standalone
                let body = try parse(inner, depth: depth + 1, opened: tagStart)
                nodes.append(.section(name, body: body, inverted: sigil == UInt8(ascii: "^"), at: tagStart))

            case UInt8(ascii: "/"):
                offset += 1
                switch state.closing {
                case .section(let open):
                    let name = try readName(state, tagStart: tagStart)
                    guard name == open else {
                        throw Failure(
                            message:
                                "a section closes with a different name than it opened ('{{/\(name.written)}}' closes '{{#\(open.written)}}')",
                            at: tagStart)
                    }
                case .block(let open), .parent(let open):
                    let name = try readPartialName(state, tagStart: tagStart)
                    guard name == open else {
                        throw Failure(
                            message: "a section closes with a different name than it opened ('{{/\(name)}}' closes '\(open)')",
                            at: tagStart)
                    }
                case nil:
                    let name = try readPartialName(state, tagStart: tagStart)
                    throw Failure(message: "'{{/\(name)}}' closes a section that was never opened", at: tagStart)
                }
                // A line holding only the closing tag gives the body no indentation.
                let onlyTheClosingTag = state.definitionIndentAt == contentStart && contentStart == tagOffset
                lastDefinitionIndent = state.reindents && !onlyTheClosingTag ? state.definitionIndent : nil
                if !isStandalone(state) { flushWhiteSpace(&nodes, &whiteSpaceBefore) }
                return nodes

            case UInt8(ascii: "!"):
                offset += 1
                guard let end = find(state.close, from: offset) else {
                    throw Failure(message: "a comment is not closed with '\(String(decoding: state.close, as: UTF8.self))'", at: tagStart)
                }
                offset = end + state.close.count
                standalone = isStandalone(state)

            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                flushWhiteSpace(&nodes, &whiteSpaceBefore)
                offset += 1
                let name = try readName(state, tagStart: tagStart)
                if sigil == UInt8(ascii: "{") {
                    guard offset < bytes.count, bytes[offset] == UInt8(ascii: "}") else {
                        throw Failure(message: "a '{{{' tag is not closed with '}}}'", at: tagStart)
                    }
                    offset += 1
                }
                nodes.append(.variable(name, escaped: false, at: tagStart))

            case UInt8(ascii: ">"):
                offset += 1
                let name = try readPartialName(state, tagStart: tagStart)
                let white = Array(whiteSpaceBefore)
                flushWhiteSpace(&nodes, &whiteSpaceBefore)
                standalone = isStandalone(state)
                let indentation = standalone ? white : nil
                nodes.append(
                    .partial(TemplatePartial(name: name, target: nil, indentation: indentation, overrides: nil, at: tagStart)))

            case UInt8(ascii: "<"):
                offset += 1
                let name = try readPartialName(state, tagStart: tagStart)
                let white = Array(whiteSpaceBefore)
                flushWhiteSpace(&nodes, &whiteSpaceBefore)
                standalone = isStandalone(state)
                var inner = state
                inner.closing = .parent(name)
                inner.atLineStart = true
                inner.parentTopLevel = true
                let body = try parse(inner, depth: depth + 1, opened: tagStart)
                var overrides: [String: [TemplateNode]] = [:]
                for node in body {
                    switch node {
                    case .block(let blockName, let blockBody, _):
                        // As in the spec, the first definition of a name wins.
                        if overrides[blockName] == nil { overrides[blockName] = blockBody }
                    case .text: break
                    default:
                        throw Failure(
                            message: "inside '{{<\(name)}}' only blocks ('{{$name}}…{{/name}}') and text may stand",
                            at: tagStart)
                    }
                }
                nodes.append(
                    .partial(
                        TemplatePartial(
                            name: name, target: nil, indentation: white, overrides: overrides,
                            at: tagStart)))

            case UInt8(ascii: "$"):
                offset += 1
                let name = try readPartialName(state, tagStart: tagStart)
                if state.parentTopLevel {
                    // An override: its lines lose their own indentation and take the
                    // indentation of the place where the parent expands the block.
                    standalone = isStandalone(state)
                    var inner = state.reindenting()
                    inner.closing = .block(name)
                    inner.parentTopLevel = false
                    inner.atLineStart = standalone
                    let body = try parse(inner, depth: depth + 1, opened: tagStart)
                    nodes.append(.block(name: name, body: body, indentation: []))
                } else {
                    // Where a block is expanded. Standalone, its default content's first
                    // line gives the indentation of whatever content fills it.
                    let white = Array(whiteSpaceBefore)
                    flushWhiteSpace(&nodes, &whiteSpaceBefore)
                    standalone = isStandalone(state)
                    var inner = standalone ? state.reindenting() : state
                    inner.closing = .block(name)
                    inner.parentTopLevel = false
                    inner.atLineStart = standalone
                    lastDefinitionIndent = nil
                    let body = try parse(inner, depth: depth + 1, opened: tagStart)
                    let intrinsic = standalone ? lastDefinitionIndent ?? [] : []
                    if !intrinsic.isEmpty { nodes.append(.text(intrinsic)) }
                    nodes.append(.block(name: name, body: body, indentation: white + intrinsic))
                }

            case UInt8(ascii: "="):
                offset += 1
                try readDelimiters(&state, tagStart: tagStart)
                state.parentTopLevel = false
                standalone = isStandalone(state)

            case UInt8(ascii: "%"):
                offset += 1
                try readPragma(state, tagStart: tagStart)
                standalone = isStandalone(state)

            default:
                flushWhiteSpace(&nodes, &whiteSpaceBefore)
                let name = try readName(state, tagStart: tagStart)
                nodes.append(.variable(name, escaped: escaping, at: tagStart))
            }
            state.atLineStart = standalone
        }
        switch state.closing {
        case .section(let name):
            throw Failure(message: "'{{#\(name.written)}}' is never closed", at: opened)
        case .block(let name):
            throw Failure(message: "'{{$\(name)}}' is never closed", at: opened)
        case .parent(let name):
            throw Failure(message: "'{{<\(name)}}' is never closed", at: opened)
        case nil:
            return nodes
        }
    }

    // MARK: - Reading

    private mutating func readSpacesAndTabs() -> ArraySlice<UInt8> {
        let start = offset
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x09 { offset += 1 }
        return bytes[start..<offset]
    }

    /// Reads text up to the next opening delimiter (consumed) or line feed (consumed and
    /// returned, with a `\r` before it), or the end.
    private mutating func readUntilTagOrNewline(_ state: State) -> (ArraySlice<UInt8>, [UInt8]?) {
        let start = offset
        let first = state.open[0]
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == 0x0A {
                offset += 1
                return (bytes[start..<(offset - 1)], [0x0A])
            }
            if byte == 0x0D, offset + 1 < bytes.count, bytes[offset + 1] == 0x0A {
                offset += 2
                return (bytes[start..<(offset - 2)], [0x0D, 0x0A])
            }
            if byte == first, matches(state.open, at: offset) {
                let text = bytes[start..<offset]
                offset += state.open.count
                return (text, nil)
            }
            offset += 1
        }
        return (bytes[start..<offset], nil)
    }

    /// True when the rest of the line after a tag is blank; then skips it and its line end.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.atLineStart else { return false }
        var cursor = offset
        while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
        if cursor == bytes.count {
            offset = cursor
            return true
        }
        if bytes[cursor] == 0x0A {
            offset = cursor + 1
            return true
        }
        if bytes[cursor] == 0x0D {
            offset = cursor + (cursor + 1 < bytes.count && bytes[cursor + 1] == 0x0A ? 2 : 1)
            return true
        }
        return false
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
            UInt8(ascii: "?"), UInt8(ascii: "/"):
            return true
        default: return false
        }
    }

    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private mutating func skipWhiteSpace() {
        while offset < bytes.count, Self.isWhiteSpace(bytes[offset]) { offset += 1 }
    }

    /// Reads the closing delimiter after a tag's content, or fails.
    private mutating func expectClose(_ state: State, tagStart: TemplatePosition) throws(Failure) {
        skipWhiteSpace()
        guard matches(state.close, at: offset) else {
            if offset < bytes.count, !Self.isWhiteSpace(bytes[offset]), !matches(state.open, at: offset),
                bytes[offset] != state.close[0]
            {
                let scalar = String(decoding: bytes[offset...].prefix(4), as: UTF8.self).unicodeScalars.first
                let shown = scalar.map { String($0) } ?? "?"
                throw Failure(
                    message: "unexpected '\(shown)' in a tag; names use letters, digits, '.', '-' and '_'",
                    at: position(of: offset))
            }
            throw Failure(
                message: "a tag is not closed with '\(String(decoding: state.close, as: UTF8.self))'", at: tagStart)
        }
        offset += state.close.count
    }

    /// Reads a name or a function call (`last()`, `empty(list)`) and the closing delimiter.
    private mutating func readName(_ state: State, tagStart: TemplatePosition) throws(Failure) -> TemplateName
    {
        skipWhiteSpace()
        let start = offset
        while offset < bytes.count, Self.isNameByte(bytes[offset]) { offset += 1 }
        let word = String(decoding: bytes[start..<offset], as: UTF8.self)
        var function: TemplateFunction?
        var argument = word
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "(") {
            guard let known = TemplateFunction(rawValue: word) else {
                let names = TemplateFunction.allCases.map { $0.isPositional ? $0.rawValue + "()" : $0.rawValue + "(name)" }
                throw Failure(
                    message: "unknown function '\(word)'; templates can use \(names.joined(separator: ", "))",
                    at: position(of: start))
            }
            offset += 1
            let argumentStart = offset
            while offset < bytes.count, Self.isNameByte(bytes[offset]) { offset += 1 }
            argument = String(decoding: bytes[argumentStart..<offset], as: UTF8.self)
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ")") else {
                throw Failure(message: "'\(word)(' is not closed with ')'", at: position(of: start))
            }
            offset += 1
            if known.isPositional != argument.isEmpty {
                throw Failure(
                    message: known.isPositional
                        ? "'\(word)()' takes no name: it describes the current item of a list"
                        : "'\(word)(…)' needs the name of a list, like \(word)(entries)",
                    at: position(of: start))
            }
            function = known
        }
        try expectClose(state, tagStart: tagStart)
        if argument.isEmpty && function == nil {
            throw Failure(message: "a tag has no name", at: tagStart)
        }
        if argument.contains("/") {
            throw Failure(message: "'/' cannot stand in a name ('\(argument)')", at: tagStart)
        }
        let path: [String]
        if argument == "." || argument.isEmpty {
            path = []
        } else {
            path = argument.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if path.contains(where: \.isEmpty) {
                throw Failure(message: "'\(argument)' is not a name; dotted names look like 'entry.title'", at: tagStart)
            }
        }
        return TemplateName(path: path, function: function)
    }

    /// Reads the name of a partial, parent or block and the closing delimiter.
    private mutating func readPartialName(_ state: State, tagStart: TemplatePosition) throws(Failure) -> String {
        skipWhiteSpace()
        let start = offset
        while offset < bytes.count, Self.isNameByte(bytes[offset]) { offset += 1 }
        let name = String(decoding: bytes[start..<offset], as: UTF8.self)
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "*") {
            throw Failure(message: "dynamic names ('*name') are not supported", at: tagStart)
        }
        try expectClose(state, tagStart: tagStart)
        guard !name.isEmpty else { throw Failure(message: "a tag has no name", at: tagStart) }
        return name
    }

    /// `{{=<% %>=}}`: two delimiters, neither empty nor holding white space or `=`.
    private mutating func readDelimiters(_ state: inout State, tagStart: TemplatePosition) throws(Failure) {
        func word() -> [UInt8] {
            let start = offset
            while offset < bytes.count, !Self.isWhiteSpace(bytes[offset]), bytes[offset] != UInt8(ascii: "=") {
                offset += 1
            }
            return Array(bytes[start..<offset])
        }
        skipWhiteSpace()
        let open = word()
        skipWhiteSpace()
        let close = word()
        skipWhiteSpace()
        guard !open.isEmpty, !close.isEmpty, offset < bytes.count, bytes[offset] == UInt8(ascii: "="),
            matches(state.close, at: offset + 1)
        else {
            throw Failure(message: "bad set-delimiter tag; write it like {{=<% %>=}}", at: tagStart)
        }
        offset += 1 + state.close.count
        state.open = open
        state.close = close
    }

    /// `{{% CONTENT_TYPE: TEXT}}` (or `HTML`): whether `{{name}}` escapes from here on.
    private mutating func readPragma(_ state: State, tagStart: TemplatePosition) throws(Failure) {
        guard let end = find(state.close, from: offset) else {
            throw Failure(message: "a tag is not closed with '\(String(decoding: state.close, as: UTF8.self))'", at: tagStart)
        }
        let content = String(decoding: bytes[offset..<end], as: UTF8.self)
        offset = end + state.close.count
        let parts = content.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, parts[0] == "CONTENT_TYPE", parts[1] == "TEXT" || parts[1] == "HTML" else {
            // The pragma as written, on one line and short: it may span lines.
            let written = content.trimmingCharacters(in: .whitespacesAndNewlines)
            let firstLine = written.prefix { $0 != "\n" && $0 != "\r" }
            let shown = firstLine.count > 40 || firstLine.count < written.count ? firstLine.prefix(40) + "…" : firstLine
            throw Failure(
                message: "unknown pragma '\(shown)'; only CONTENT_TYPE: TEXT and CONTENT_TYPE: HTML exist",
                at: tagStart)
        }
        escaping = parts[1] == "HTML"
    }

    // MARK: - Bytes and positions

    private func matches(_ needle: [UInt8], at index: Int) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for k in needle.indices where bytes[index + k] != needle[k] { return false }
        return true
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if matches(needle, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// Line and column of byte `index`; lines are counted once, as the parser moves on.
    private mutating func position(of index: Int) -> TemplatePosition {
        while lineCounted < min(index, bytes.count) {
            if bytes[lineCounted] == 0x0A { lineStarts.append(lineCounted + 1) }
            lineCounted += 1
        }
        // The last line start at or before `index`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        let lineStart = lineStarts[low]
        let end = min(index, bytes.count)
        // Columns count scalars (UTF-8 lead bytes), from the last position asked for on the
        // same line when there is one, so a long line with many tags costs linear time.
        var from = lineStart
        var column = 1
        if columnCache.lineStart == lineStart && columnCache.offset <= end {
            from = columnCache.offset
            column = columnCache.column
        }
        for byte in bytes[from..<end] where byte & 0xC0 != 0x80 { column += 1 }
        columnCache = (lineStart, end, column)
        return TemplatePosition(line: Int32(low + 1), column: Int32(column))
    }
}
