import Yams

/// A value read from YAML together with where it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    /// Wraps `value` found at `location`.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// Markdown written as a YAML value (a section summary, a term definition, a memo), with
/// where it starts, so problems in it are reported in the YAML file.
public struct MarkdownInYAML: Sendable {
    public var text: String
    /// The file position of the text's first character (line only, for block scalars).
    public var start: SourceLocation
    /// True when the text starts on the key's line (plain or quoted), false for `|` and `>`.
    public var isInline: Bool

    /// The file position of `location`, a position inside `text` (1-based line and column).
    func fileLocation(of location: SourceLocation) -> SourceLocation {
        let line = max(1, location.line)
        if isInline {
            return SourceLocation(
                path: start.path, line: start.line + line - 1,
                column: line == 1 && location.column > 0 ? start.column + location.column - 1 : 0)
        }
        return SourceLocation(path: start.path, line: start.line + line, column: 0)
    }
}

/// Reads YAML into typed values while keeping every node's file position, so each
/// problem is reported at the key or value the editor wrote.
///
/// Yams' `compose` gives the node tree with marks; this type adds the file's path and
/// the line offset of the YAML inside the file (front matter starts on line 2).
struct YAMLReader {
    let path: String
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, lineOffset: Int = 0) {
        self.path = path
        self.lineOffset = lineOffset
    }

    /// Parses `yaml` into its root node; reports a syntax error and returns nil on failure.
    /// An empty document yields an empty mapping.
    mutating func root(of yaml: String) -> Node? {
        if yaml.unicodeScalars.contains("\t") {
            if let (line, column) = firstIndentingTab(in: yaml) {
                error(
                    at: SourceLocation(path: path, line: line + lineOffset, column: column),
                    "YAML does not allow tabs for indentation; use spaces")
                return nil
            }
        }
        do {
            // UTF-8 named explicitly: Yams' default encoding reads the whole process
            // environment on every call (a fifth of the load stage), and an environment
            // variable could switch it and make Yams print to standard output.
            let parser = try Parser(yaml: yaml, resolver: .default, constructor: .default, encoding: .utf8)
            let root = try parser.singleRoot() ?? Node.mapping(Node.Mapping([]))
            // Anchors are weak references the parser keeps alive; check while it lives.
            return withExtendedLifetime(parser) { checkPlainValues(root) } ? root : nil
        } catch let error as YamlError {
            report(error, in: yaml)
            return nil
        } catch {
            self.error(at: SourceLocation(path: path, line: lineOffset + 1, column: 1), "invalid YAML: \(error)")
            return nil
        }
    }

    /// The location of `node` in the file.
    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(path: path, line: lineOffset + 1, column: 1) }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    /// Whether the `id` of a section, term or handout is usable; if not, reports why: a
    /// missing id at the item (`"a section needs an 'id'"`), a bad one at its value.
    mutating func checkID(
        _ id: String, kind: String, owner: String, item: SourceLocation, value: SourceLocation
    ) -> Bool {
        guard !id.isEmpty else {
            error(at: item, "\(owner) needs an 'id'")
            return false
        }
        guard Identifier.isValid(id) else {
            error(at: value, "\(kind) id '\(id)' is not valid; \(Identifier.ruleDescription)")
            return false
        }
        return true
    }

    mutating func error(at location: SourceLocation, _ message: String) {
        diagnostics.append(.error(location, message))
    }

    mutating func warning(at location: SourceLocation, _ message: String) {
        diagnostics.append(.warning(location, message))
    }

    /// The mapping's pairs with string keys, reporting non-string and repeated keys.
    mutating func pairs(of node: Node, what: String) -> [(key: Located<String>, value: Node)]? {
        guard let mapping = node.mapping else {
            error(at: location(of: node), "\(what) must be a mapping of 'key: value' lines")
            return nil
        }
        var seen: Set<String> = []
        var result: [(key: Located<String>, value: Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                error(at: location(of: key), "\(what) has a key that is not a plain name")
                continue
            }
            if !seen.insert(name).inserted {
                error(at: location(of: key), "duplicate key '\(name)' in \(what)")
                continue
            }
            result.append((Located(name, at: location(of: key)), value))
        }
        return result
    }

    /// A scalar as text; reports lists and mappings where text is expected.
    mutating func string(_ node: Node, key: String) -> String? {
        guard let scalar = node.scalar else {
            error(at: location(of: node), "'\(key)' must be text, not a \(kind(of: node))")
            return nil
        }
        if let warning = EditorSlips.wrappingQuotes(scalar.string, key: key, at: location(of: node)) {
            diagnostics.append(warning)
        }
        return scalar.string
    }

    /// A plain-text value an editor writes (a title, summary or source), with smart
    /// punctuation as Markdown gets it (curly quotes, dashes, ellipses), so every output
    /// shows it alike. The curly-quote warning sees the value as written.
    mutating func prose(_ node: Node, key: String) -> String? {
        string(node, key: key).map(SmartPunctuation.apply)
    }

    /// A non-empty plain-text value, with smart punctuation (see `prose`).
    mutating func nonEmptyProse(_ node: Node, key: String) -> String? {
        nonEmptyString(node, key: key).map(SmartPunctuation.apply)
    }

    /// A scalar holding Markdown, and where its text starts in the file. For a value on the
    /// key's line (plain or quoted), text columns map to file columns; for a block scalar
    /// (`|`, `>`) the text starts on the next line, at an indentation YAML strips.
    mutating func markdown(_ node: Node, key: String) -> MarkdownInYAML? {
        guard let text = string(node, key: key), let scalar = node.scalar else { return nil }
        var start = location(of: node)
        switch scalar.style {
        case .literal, .folded: return MarkdownInYAML(text: text, start: start, isInline: false)
        case .singleQuoted, .doubleQuoted: start.column += 1
        default: break
        }
        return MarkdownInYAML(text: text, start: start, isInline: true)
    }

    /// A non-empty scalar as text.
    mutating func nonEmptyString(_ node: Node, key: String) -> String? {
        guard let text = string(node, key: key) else { return nil }
        if text.isBlank {
            error(at: location(of: node), "'\(key)' must not be empty")
            return nil
        }
        return text
    }

    /// An integer scalar.
    mutating func integer(_ node: Node, key: String) -> Int? {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any,
            let value = Int(scalar.string.trimmingSpaces)
        else {
            error(at: location(of: node), "'\(key)' must be a whole number, like \(key): 3")
            return nil
        }
        return value
    }

    /// A boolean scalar (`true`/`false`).
    mutating func boolean(_ node: Node, key: String) -> Bool? {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else {
            error(at: location(of: node), "'\(key)' must be true or false")
            return nil
        }
        switch scalar.string {
        case "true", "True", "TRUE", "yes", "Yes", "on": return true
        case "false", "False", "FALSE", "no", "No", "off": return false
        default:
            error(at: location(of: node), "'\(key)' must be true or false")
            return nil
        }
    }

    /// A list of scalars, each with its own location.
    mutating func stringList(_ node: Node, key: String) -> [Located<String>]? {
        guard let sequence = node.sequence else {
            error(at: location(of: node), "'\(key)' must be a list, like \(key): [a, b]")
            return nil
        }
        var result: [Located<String>] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                error(at: location(of: item), "items of '\(key)' must be text, not a \(kind(of: item))")
                continue
            }
            result.append(Located(scalar.string, at: location(of: item)))
        }
        return result
    }

    /// A list of mappings (or other nodes) to be read item by item.
    mutating func list(_ node: Node, key: String) -> [Node]? {
        guard let sequence = node.sequence else {
            error(at: location(of: node), "'\(key)' must be a list of items, each starting with '-'")
            return nil
        }
        return Array(sequence)
    }

    /// Reports keys not in `known` as warnings with a did-you-mean suggestion.
    mutating func warnUnknownKeys(
        _ pairs: [(key: Located<String>, value: Node)], known: [String], in what: String
    ) {
        for (key, _) in pairs where !known.contains(key.value) {
            warning(
                at: key.location,
                "unknown key '\(key.value)' in \(what)\(Suggestion.hint(for: key.value, in: known.sorted()))")
        }
    }

    private func kind(of node: Node) -> String {
        switch node {
        case .scalar: return "single value"
        case .mapping: return "mapping"
        case .sequence: return "list"
        case .alias: return "alias"
        }
    }

    private mutating func report(_ error: YamlError, in yaml: String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            self.error(
                at: SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column),
                YAMLProblem.message(problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the first occurrence; the editor needs the repeat.
            let first = context.mark
            let (line, column) =
                Self.repeatedKey(duplicates.sorted().first ?? "", after: first, in: yaml)
                ?? (first.line, first.column)
            self.error(
                at: SourceLocation(path: path, line: line + lineOffset, column: column),
                "duplicate key '\(duplicates.sorted().joined(separator: "', '"))' (first at line \(first.line + lineOffset))"
            )
        case .reader(let problem, _, _, _):
            self.error(at: SourceLocation(path: path, line: lineOffset + 1, column: 1), "invalid YAML: \(problem)")
        default:
            self.error(at: SourceLocation(path: path, line: lineOffset + 1, column: 1), "invalid YAML: \(error)")
        }
    }

    /// The line and column where `key` is written again at the same indentation as its
    /// first occurrence at `first` (block mappings; nil for flow style).
    private static func repeatedKey(_ key: String, after first: Mark, in yaml: String) -> (Int, Int)? {
        let indent = max(0, first.column - 1)
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where index + 1 > first.line {
            let scalars = Array(line.unicodeScalars)
            guard scalars.count > indent, scalars[..<indent].allSatisfy({ $0 == " " || $0 == "-" }),
                scalars[indent] != " "
            else { continue }
            let rest = String(String.UnicodeScalarView(scalars[indent...]))
            for written in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(written) {
                if rest.dropFirst(written.count).drop(while: { $0 == " " }).hasPrefix(":") {
                    return (index + 1, indent + 1)
                }
            }
        }
        return nil
    }

    private func firstIndentingTab(in yaml: String) -> (Int, Int)? {
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var column = 1
            for scalar in line.unicodeScalars {
                if scalar == "\t" { return (index + 1, column) }
                if scalar != " " { break }
                column += 1
            }
        }
        return nil
    }
}

extension StringProtocol {
    /// True when the text holds nothing but spaces, tabs and newlines (or nothing at all).
    var isBlank: Bool { !unicodeScalars.contains { !$0.properties.isWhitespace } }

    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[first...last])
        return result
    }
}
