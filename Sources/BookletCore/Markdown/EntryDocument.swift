import CMark

/// A heading of an entry body, with its stable id.
public struct Heading: Sendable, Hashable {
    public var level: Int
    /// The heading's plain text (smart punctuation applied).
    public var text: String
    public var id: String
    public var line: Int
    /// Where the heading starts on its line (after any block-quote or list markers).
    public var column: Int
    /// Written as text underlined with `=` or `-` (setext), not with `#` marks.
    public var isUnderlined: Bool
}

/// One link or image in an entry body, where the editor wrote it.
public struct LinkOccurrence: Sendable, Hashable {
    /// The destination as cmark decoded it (entities and escapes resolved).
    public var destination: String
    public var location: SourceLocation
    public var isImage: Bool
    /// An image's alt text (its description in brackets), plain; "" for links.
    public var altText: String = ""
}

/// One entry's Markdown after its one parse: the body every renderer walks, and what the
/// taxonomy and the search index need to know of it, extracted in the same pass so the
/// cmark tree can be freed at once.
public struct EntryDocument: Sendable {
    /// The parsed body, which renderers walk instead of parsing the Markdown again.
    public var body = ParsedBody()
    /// The body's headings, in order, with their ids.
    public var headings: [Heading] { body.headings }
    /// Heading id -> index in `headings`, for finding a `#fragment` link's heading in time
    /// independent of their number (40,000 links against 40,000 headings stay linear).
    public var headingIndex: [String: Int] = [:]
    public var links: [LinkOccurrence]
    /// Lines holding raw HTML (reported when raw HTML is not allowed).
    public var rawHTMLLines: [Int]
    /// The start of the body's readable text, lines joined by spaces, at most
    /// `leadLimit` characters (then "…"): the search snippet of an entry without summary.
    public var lead: String
    /// Warnings about text cmark prints literally that was meant as markup.
    public var literalMarkup: [Diagnostic] = []

    /// Characters of body text kept in `lead`.
    static let leadLimit = 200

    /// Parses `markdown` (the body of the file at `path`, starting after `lineOffset` lines).
    static func scan(markdown: String, lineOffset: Int, path: String) -> EntryDocument {
        scanWithText(markdown: markdown, lineOffset: lineOffset, path: path).document
    }

    /// `scan`, also returning the body's readable text (blocks separated by newlines), for
    /// the search index's words; the document keeps only its lead.
    static func scanWithText(markdown: String, lineOffset: Int, path: String)
        -> (document: EntryDocument, text: String)
    {
        let document = CMarkDocument(markdown: markdown, lineOffset: lineOffset)
        var result = EntryDocument(links: [], rawHTMLLines: [], lead: "")
        var slugger = HeadingSlugger()
        var locator = LinkLocator(source: markdown, lineOffset: lineOffset, path: path)
        var text = ""
        var literalMarkup = LiteralMarkup(source: markdown, lineOffset: lineOffset, path: path)
        var headings: [Heading] = []
        // The numbers of the links being walked: an image may sit in a link, a link in an
        // image's description.
        var openLinks: [Int] = []
        document.walk { node, entering in
            literalMarkup.visit(node, entering: entering)
            defer {
                var link = openLinks.last ?? -1
                if node.type == CMARK_NODE_LINK || node.type == CMARK_NODE_IMAGE {
                    if entering { openLinks.append(result.links.count - 1) } else { openLinks.removeLast() }
                    link = entering ? result.links.count - 1 : link
                }
                let altText = node.type == CMARK_NODE_IMAGE && entering ? result.links[link].altText : ""
                result.body.record(node, entering: entering, heading: headings.count - 1, link: link, altText: altText)
            }
            switch node.type {
            case CMARK_NODE_HEADING where entering:
                let title = node.plainText
                headings.append(
                    Heading(
                        level: node.headingLevel, text: title, id: slugger.id(for: title), line: node.startLine,
                        column: node.startColumn,
                        isUnderlined: !locator.isMarkedWithHashes(line: node.startLine, column: node.startColumn)))
            case CMARK_NODE_LINK where entering, CMARK_NODE_IMAGE where entering:
                let destination = node.url
                result.links.append(
                    LinkOccurrence(
                        destination: destination, location: locator.locate(destination, in: node),
                        isImage: node.type == CMARK_NODE_IMAGE,
                        altText: node.type == CMARK_NODE_IMAGE ? node.plainText : ""))
            case CMARK_NODE_HTML_BLOCK:
                result.rawHTMLLines.append(node.startLine)
            case CMARK_NODE_HTML_INLINE:
                result.rawHTMLLines.append(node.enclosingBlock?.startLine ?? 0)
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += node.literal
            case CMARK_NODE_CODE_BLOCK:
                text += node.literal + "\n"
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            case CMARK_NODE_PARAGRAPH where !entering, CMARK_NODE_HEADING where !entering:
                text += "\n"
            default:
                break
            }
        }
        result.lead = lead(of: text)
        result.literalMarkup = literalMarkup.warnings
        result.body.headings = headings
        result.body.finish()
        result.headingIndex = Dictionary(
            headings.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        return (result, text)
    }

    /// The lines of `text` that are not empty, joined by spaces, cut at `leadLimit`.
    static func lead(of text: String) -> String {
        // Only the start matters: enough characters for the lead and one more.
        var end = text.startIndex
        var kept = 0
        while end < text.endIndex && kept <= leadLimit {
            if !text[end].isNewline { kept += 1 }
            end = text.index(after: end)
        }
        let lead = text[..<end].split(whereSeparator: \.isNewline).joined(separator: " ")
        return lead.count > leadLimit ? String(lead.prefix(leadLimit)) + "…" : lead
    }
}

/// Finds the file column of an inline link by searching its destination in the source
/// lines of its block (cmark's inline positions are unreliable, its block positions good).
///
/// Linear in the body whatever its links: each line is turned into scalars once, each
/// block's search resumes where the previous one ended, a destination not found from some
/// point is not searched again from a later one, and each block has a search budget
/// proportional to its length, after which links fall back to the block's start. (A
/// reference link's destination is not written in its paragraph, so 40,000 of them would
/// otherwise each scan the whole paragraph.)
struct LinkLocator {
    private let lines: [Substring]
    private let lineOffset: Int
    private let path: String
    /// Lines as scalars, filled as they are first searched.
    private var scalars: [Int: [Unicode.Scalar]] = [:]
    /// Per block start line, the search state of that block.
    private var blocks: [Int: BlockSearch] = [:]

    /// Where the previous search in one block ended (line index, scalar offset), so a
    /// destination repeated in one paragraph is found at each of its places.
    private struct BlockSearch {
        var line: Int
        var column: Int
        /// Scalar comparisons left before giving up on columns in this block.
        var budget: Int
        /// Destinations not found from the position recorded with them.
        var missing: [[Unicode.Scalar]: (line: Int, column: Int)] = [:]
    }

    /// Comparisons allowed per scalar of a block (plus a constant): generous for real text,
    /// where a search rarely compares a scalar more than twice.
    static let budgetPerScalar = 8
    static let budgetBase = 4096

    init(source: String, lineOffset: Int, path: String) {
        lines = source.lineSlices
        self.lineOffset = lineOffset
        self.path = path
    }

    /// Whether a heading starting at file `line` and `column` (cmark's, counted in bytes)
    /// is written with `#` marks: one to six of them, then a space, a tab or the line end.
    func isMarkedWithHashes(line: Int, column: Int) -> Bool {
        let index = line - lineOffset - 1
        guard lines.indices.contains(index), column >= 1 else { return false }
        let rest = lines[index].utf8.dropFirst(column - 1)
        let marks = rest.prefix { $0 == UInt8(ascii: "#") }.count
        guard (1...6).contains(marks) else { return false }
        let after = rest.dropFirst(marks).first
        return after == nil || after == UInt8(ascii: " ") || after == UInt8(ascii: "\t")
    }

    mutating func locate(_ destination: String, in node: CMarkNode) -> SourceLocation {
        guard let block = node.enclosingBlock, block.startLine > 0 else {
            return SourceLocation(path: path, line: lineOffset + 1, column: 1)
        }
        let first = block.startLine - lineOffset - 1
        let last = min(max(block.endLine - lineOffset - 1, first), lines.count - 1)
        let fallback = SourceLocation(path: path, line: block.startLine, column: block.startColumn)
        guard first >= 0, first <= last, !destination.isEmpty else { return fallback }
        var search = blocks[block.startLine] ?? BlockSearch(line: first, column: 0, budget: budget(first...last))
        defer { blocks[block.startLine] = search }
        let needle = Array(destination.unicodeScalars)
        if let missed = search.missing[needle], (missed.line, missed.column) <= (search.line, search.column) {
            return fallback
        }
        var (lineIndex, column) = (search.line, search.column)
        while lineIndex <= last && search.budget > 0 {
            let haystack = lineScalars(lineIndex)
            if let found = Self.find(needle, in: haystack, from: column, budget: &search.budget) {
                (search.line, search.column) = (lineIndex, found + needle.count)
                return SourceLocation(path: path, line: lineIndex + lineOffset + 1, column: found + 1)
            }
            lineIndex += 1
            column = 0
        }
        if search.budget > 0 { search.missing[needle] = (search.line, search.column) }
        return fallback
    }

    private mutating func budget(_ range: ClosedRange<Int>) -> Int {
        range.reduce(Self.budgetBase) { $0 + Self.budgetPerScalar * (lineScalars($1).count + 1) }
    }

    private mutating func lineScalars(_ index: Int) -> [Unicode.Scalar] {
        if let known = scalars[index] { return known }
        let line = Array(lines[index].unicodeScalars)
        scalars[index] = line
        return line
    }

    /// The first index at or after `start` where `needle` occurs, spending one unit of
    /// `budget` per scalar compared; nil when not found or the budget runs out.
    private static func find(
        _ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int, budget: inout Int
    ) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        for index in start...(haystack.count - needle.count) {
            budget -= 1
            guard haystack[index] == needle[0] else {
                if budget <= 0 { return nil }
                continue
            }
            var offset = 1
            while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
            budget -= offset
            if offset == needle.count { return index }
            if budget <= 0 { return nil }
        }
        return nil
    }
}
