import CMark

/// Finds text that cmark prints as it was written although the editor meant markup: a link
/// or image cmark could not read (a space in the address, a space before `(`, a missing
/// `)`), and syntax CommonMark does not have (tables, footnotes, `~~strike~~`, task boxes,
/// bare `www.` addresses). Each becomes a warning that names the fix.
///
/// It reads cmark's text nodes, not the source: what is reported is exactly what would be
/// printed literally, so code spans, code blocks and real links never raise a warning.
/// Each paragraph or heading is read as one string (soft breaks as newlines, code spans,
/// raw HTML and links as one opaque character), so a line is its block's first line plus
/// the newlines before it, and the column is found by searching that line of the source.
struct LiteralMarkup {
    private let lines: [Substring]
    private let lineOffset: Int
    private let path: String
    /// The warnings found so far, in document order.
    private(set) var warnings: [Diagnostic] = []

    private var text: [Unicode.Scalar] = []
    private var blockLine = 0
    private var isFirstInListItem = false
    /// Links and images being read: their label is not literal text.
    private var linkDepth = 0

    /// Stands for a code span, raw HTML, or a real link: text, but never part of a pattern.
    private static let opaque: Unicode.Scalar = "\u{FFFC}"
    /// How far a pattern is followed (an address to its `)`, `~~` to its closing `~~`),
    /// so a hostile paragraph is still read in linear time.
    static let reach = 200
    /// Warnings kept per paragraph: enough to show the editor the pattern of a mistake.
    static let warningsPerBlock = 10
    private var blockWarnings = 0

    /// A checker for the body `source` of the file at `path`, whose first line is file line
    /// `lineOffset + 1` (cmark's lines are file lines).
    init(source: String, lineOffset: Int, path: String) {
        lines = source.lineSlices
        self.lineOffset = lineOffset
        self.path = path
    }

    /// Feeds one event of the document walk.
    mutating func visit(_ node: CMarkNode, entering: Bool) {
        switch node.type {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
            if entering {
                text = []
                blockWarnings = 0
                blockLine = node.startLine
                isFirstInListItem =
                    node.parent?.type == CMARK_NODE_ITEM && node.parent?.firstChild?.pointer == node.pointer
            } else {
                check()
            }
        case CMARK_NODE_TEXT where linkDepth == 0:
            text.append(contentsOf: node.literal.unicodeScalars)
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            text.append("\n")
        case CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            text.append(Self.opaque)
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            if entering {
                if linkDepth == 0, let label = node.firstChild, label.type == CMARK_NODE_TEXT,
                    label.literal.hasPrefix("^")
                {
                    // `[^1]` with a `[^1]: note` line is read as a link to "note".
                    warn(at: text.count, needle: "[^", Self.footnoteMessage)
                }
                text.append(Self.opaque)
                linkDepth += 1
            } else {
                linkDepth -= 1
            }
        default:
            break
        }
    }

    // MARK: - Patterns

    static let footnoteMessage =
        "footnotes like '[^1]' are not Markdown here and show as text; put the note in parentheses or in a sentence"

    private mutating func check() {
        checkTaskBox()
        checkTable()
        var index = 0
        // Open `[` not yet closed, so each `]` finds its label's start at once.
        var openBrackets: [Int] = []
        while index < text.count, blockWarnings < Self.warningsPerBlock {
            let scalar = text[index]
            if scalar == "[" { openBrackets.append(index) }
            if scalar == "]" {
                if let open = openBrackets.popLast() { checkBrokenLink(open: open, closing: index) }
            } else if scalar == "[", at(index + 1) == "^", let close = footnoteEnd(from: index) {
                warn(at: index, needle: "[^", Self.footnoteMessage)
                openBrackets.removeLast()  // its `]` is passed over
                index = close
            } else if scalar == "~", at(index + 1) == "~", at(index - 1) != "~", let close = strikeEnd(from: index) {
                warn(
                    at: index, needle: "~~",
                    "'~~' (strikethrough) is not Markdown here and shows as text; delete the words, or say in words that they no longer apply"
                )
                index = close
            } else if scalar == "w" || scalar == "W", let end = bareAddressEnd(from: index) {
                let address = string(index..<end)
                warn(
                    at: index, needle: address,
                    "the address '\(address)' is not a link and shows as text; write it as <https://\(address)>")
                index = end
            }
            index += 1
        }
    }

    /// `]` followed by `(` (or ` (` and something shaped like an address): a link cmark
    /// could not read.
    private mutating func checkBrokenLink(open: Int, closing: Int) {
        var parenthesis = closing + 1
        let spaced = at(parenthesis) == " "
        if spaced { parenthesis += 1 }
        guard at(parenthesis) == "(" else { return }
        // The first `)` of the line, looked for within reach.
        let limit = min(text.count, parenthesis + Self.reach)
        var close: Int?
        var lineEnd = limit
        var scan = parenthesis + 1
        while scan < limit {
            if text[scan] == "\n" {
                lineEnd = scan
                break
            }
            if text[scan] == ")" {
                close = scan
                break
            }
            scan += 1
        }
        if spaced && close == nil { return }
        let isImage = at(open - 1) == "!"
        let start = isImage ? open - 1 : open
        let what = isImage ? "shows as text, not an image" : "shows as text, not a link"
        // The label as the message quotes it: one line, at most 60 characters.
        var label = String(
            string((open + 1)..<min(closing, open + 62)).unicodeScalars.map {
                $0 == "\n" ? " " : $0 == Self.opaque ? "…" : Character($0)
            })
        if closing > open + 61 { label = String(label.prefix(60)) + "…" }
        let inside = string((parenthesis + 1)..<(close ?? lineEnd))
        let words = inside.split(separator: " ", omittingEmptySubsequences: true)
        let needle = "[" + String(label.prefix { $0.isASCII && $0 != "\n" }.prefix(30))
        let bang = isImage ? "!" : ""
        if spaced {
            guard close != nil, words.count == 1, Self.looksLikeAddress(inside) else { return }
            warn(
                at: start, needle: bang + needle,
                "\(what): there is a space between ']' and '('; write \(bang)[\(label)](\(inside))")
            return
        }
        guard let first = words.first else {
            warn(at: start, needle: bang + needle, "\(what): its address is empty or unreadable; write [text](address)")
            return
        }
        let looksComplete =
            close != nil
            && (inside.hasSuffix(".md") || inside.contains(".md#") || inside.hasPrefix("#") || words.count <= 4)
        if words.count > 1 && looksComplete {
            warn(
                at: start, needle: bang + needle,
                "\(what): the address '\(inside)' has a space; write \(bang)[\(label)](\(Self.withoutSpaces(inside)))")
        } else if words.count > 1 || close == nil {
            warn(at: start, needle: bang + needle, "\(what): ')' is missing after '\(first)'")
        } else {
            warn(
                at: start, needle: bang + needle,
                "\(what): cmark could not read its address '\(inside)'; write [text](address) with only the address in the parentheses"
            )
        }
    }

    /// A list item that starts with `[ ]` or `[x]`.
    private mutating func checkTaskBox() {
        guard isFirstInListItem, text.count >= 3, text[0] == "[", text[2] == "]",
            [" ", "x", "X"].contains(text[1]), at(3) == nil || at(3) == " "
        else { return }
        warn(
            at: 0, needle: "[",
            "task boxes like '[ ]' are not Markdown here and show as text; write a plain list item")
    }

    /// A paragraph with a row of dashes between pipes (`|---|---|`, which smart punctuation
    /// turns into dashes).
    private mutating func checkTable() {
        guard text.contains("|") else { return }
        var lineStart = 0
        var rows = 0
        while lineStart <= text.count {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.count
            if Self.isDelimiterRow(text[lineStart..<lineEnd]), rows > 0 {
                warn(
                    at: 0, needle: "|",
                    "tables are not Markdown here and show as text; use a list, or a comparison section ('compare:' in taxonomy.yml)"
                )
                return
            }
            rows += 1
            lineStart = lineEnd + 1
        }
    }

    static func isDelimiterRow(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        guard line.contains("|") else { return false }
        var cells = String(String.UnicodeScalarView(line)).trimmingSpaces[...]
        if cells.hasPrefix("|") { cells = cells.dropFirst() }
        if cells.hasSuffix("|") { cells = cells.dropLast() }
        let parts = cells.split(separator: "|", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            var cell = part.trimmingSpaces[...]
            if cell.hasPrefix(":") { cell = cell.dropFirst() }
            if cell.hasSuffix(":") { cell = cell.dropLast() }
            return !cell.isEmpty && cell.allSatisfy { $0 == "-" || $0 == "\u{2013}" || $0 == "\u{2014}" }
        }
    }

    // MARK: - Helpers

    private func at(_ index: Int) -> Unicode.Scalar? {
        index >= 0 && index < text.count ? text[index] : nil
    }

    private func string(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(text[range]))
    }

    /// The `]` of `[^label]` starting at `start`, the label without spaces.
    private func footnoteEnd(from start: Int) -> Int? {
        var index = start + 2
        while index < text.count, text[index] != "]" {
            if text[index].properties.isWhitespace || text[index] == "[" { return nil }
            index += 1
        }
        return index < text.count && index > start + 2 ? index : nil
    }

    /// The last `~` of `~~words~~` starting at `start`.
    private func strikeEnd(from start: Int) -> Int? {
        guard let first = at(start + 2), !first.properties.isWhitespace else { return nil }
        var index = start + 3
        while index + 1 < min(text.count, start + Self.reach) {
            if text[index] == "~", text[index + 1] == "~", !text[index - 1].properties.isWhitespace {
                return index + 1
            }
            index += 1
        }
        return nil
    }

    /// The end of `www.name...` starting a word at `start`, less trailing punctuation.
    private func bareAddressEnd(from start: Int) -> Int? {
        guard start + 5 < text.count, string(start..<(start + 4)).lowercased() == "www.",
            text[start + 4].properties.isAlphabetic || ("0"..."9").contains(text[start + 4])
        else { return nil }
        if let before = at(start - 1), !(before.properties.isWhitespace || before == "(" || before == "\n") {
            return nil
        }
        var end = start + 4
        while end < text.count, !text[end].properties.isWhitespace, text[end] != ")", text[end] != Self.opaque {
            end += 1
        }
        while end > start + 4, [".", ",", ";", ":", "!", "?"].contains(text[end - 1]) { end -= 1 }
        return end
    }

    /// True for `x.md`, `#id`, `scheme:rest` or `a/b`: text in parentheses after `] ` that
    /// an editor meant as a link destination, not an aside like "(see above)".
    static func looksLikeAddress(_ text: String) -> Bool {
        text.hasSuffix(".md") || text.contains(".md#") || text.hasPrefix("#") || text.contains("://")
            || (text.contains(":") && Identifier.isValid(String(text.prefix { $0 != ":" })))
    }

    /// The address with its spaces fixed: entry paths and heading ids as Booklet names
    /// them, `vocabulary:term` with a term id, anything else percent-encoded.
    static func withoutSpaces(_ address: String) -> String {
        if address.hasPrefix("#") { return "#" + HeadingSlugger.slug(String(address.dropFirst())) }
        var path = address
        var fragment = ""
        if let hash = address.firstIndex(of: "#") {
            path = String(address[..<hash])
            fragment = "#" + HeadingSlugger.slug(String(address[address.index(after: hash)...]))
        }
        if path.hasSuffix(".md") {
            let parts = path.dropLast(3).split(separator: "/", omittingEmptySubsequences: false).map { part in
                part == ".." || part == "." ? String(part) : Identifier.suggested(from: String(part))
            }
            return parts.joined(separator: "/") + ".md" + fragment
        }
        if let colon = address.firstIndex(of: ":"), Identifier.isValid(String(address[..<colon])) {
            return String(address[...colon]) + Identifier.suggested(from: String(address[address.index(after: colon)...]))
        }
        return address.split(separator: " ", omittingEmptySubsequences: false).joined(separator: "%20")
    }

    /// Warns at the text index `index`: its line is the block's plus the newlines before
    /// it; its column where `needle` is written on that line (the nth time, as often as it
    /// occurs before on the text's line), or the line's first character.
    private mutating func warn(at index: Int, needle: String, _ message: String) {
        guard blockWarnings < Self.warningsPerBlock else { return }
        blockWarnings += 1
        let before = text[..<min(index, text.count)]
        let newlines = before.count(where: { $0 == "\n" })
        let line = blockLine + newlines
        let textLineStart = (before.lastIndex(of: "\n") ?? -1) + 1
        let needleScalars = Array(needle.unicodeScalars)
        let earlier = Self.occurrences(of: needleScalars, in: Array(text[textLineStart..<min(index, text.count)]))
        var column = 1
        let sourceIndex = line - lineOffset - 1
        if sourceIndex >= 0, sourceIndex < lines.count {
            let source = Array(lines[sourceIndex].unicodeScalars)
            let found = Self.positions(of: needleScalars, in: source)
            if earlier < found.count {
                column = found[earlier] + 1
            } else {
                column = (source.firstIndex { !$0.properties.isWhitespace } ?? 0) + 1
            }
        }
        warnings.append(.warning(SourceLocation(path: path, line: line, column: column), message))
    }

    private static func occurrences(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> Int {
        positions(of: needle, in: haystack).count
    }

    private static func positions(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> [Int] {
        guard let first = needle.first, haystack.count >= needle.count else { return [] }
        var result: [Int] = []
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                result.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return result
    }
}
