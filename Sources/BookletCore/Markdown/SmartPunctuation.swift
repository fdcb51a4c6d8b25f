import CMark

/// Typographic punctuation for plain values an editor writes in YAML (titles, subtitle,
/// summaries, sources, term and handout titles), by the very rules cmark applies to
/// Markdown with `--smart`: straight quotes curl by context, `--` is an en dash, `---` an
/// em dash, `...` an ellipsis. Applied once, when a value is read, so every page, the
/// search index and the text booklet show the same text as the Markdown around it.
enum SmartPunctuation {
    /// `text` with smart punctuation. Everything else stays literal: `*not emphasis*`,
    /// `1. Not a list`, `<b>`, `&amp;` and `\` are text, not Markdown.
    static func apply(_ text: String) -> String {
        // Most values have nothing to curl or join; skip cmark for them.
        // (Byte searches: Foundation's `contains` would convert the text to UTF-16 first.)
        let bytes = text.utf8
        guard bytes.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") })
            || bytes.firstRange(of: "--".utf8) != nil || bytes.firstRange(of: "...".utf8) != nil
        else { return text }
        // cmark decides quotes from the raw characters either side, so the value is given to
        // it as one paragraph with every other ASCII punctuation character escaped: escapes
        // make them literal without changing what a quote sees beside it (a backslash is
        // punctuation too). Quotes, hyphens and periods stay bare so cmark can convert them;
        // the few block starts they can still make are neutralised line by line.
        // cmark trims a paragraph; the value keeps its own leading and trailing white space.
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r\n" }
        let leading = text.prefix(while: isSpace)
        let trailing = text.dropFirst(leading.count).reversed().prefix(while: isSpace).reversed()
        var markdown = ""
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { markdown += "\n" }
            markdown += escapedLine(line)
        }
        let document = CMarkDocument(markdown: markdown)
        guard let converted = paragraphsText(of: document) else { return text }
        return String(leading) + converted + String(trailing)
    }

    /// `line` with ASCII punctuation escaped, except quotes, hyphens and periods, and with
    /// the hyphen or period that would start a list, a thematic break or a setext underline
    /// escaped too.
    private static func escapedLine(_ line: Substring) -> String {
        var result = ""
        result.reserveCapacity(line.utf8.count + 8)
        // Leading spaces: four would make a code block, and cmark drops them from a
        // paragraph's lines anyway.
        let body = line.drop(while: { $0 == " " || $0 == "\t" })
        let escapeAt = blockMarkerIndex(in: body)
        for index in body.indices {
            let character = body[index]
            if index == escapeAt || needsEscape(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    private static func needsEscape(_ character: Character) -> Bool {
        guard character.isASCII, let ascii = character.asciiValue else { return false }
        switch ascii {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "-"), UInt8(ascii: "."): return false
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }

    /// The hyphen or period at which `line` would start a block other than a paragraph line:
    /// `- item`, a line of hyphens (`---`, `- - -`, a setext underline), `1. item`.
    private static func blockMarkerIndex(in line: Substring) -> Substring.Index? {
        guard let first = line.first else { return nil }
        if first == "-" {
            let rest = line.dropFirst()
            if rest.isEmpty || rest.first == " " || rest.first == "\t"
                || line.allSatisfy({ $0 == "-" || $0 == " " || $0 == "\t" })
            {
                return line.startIndex
            }
            return nil
        }
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 9, digits.endIndex < line.endIndex, line[digits.endIndex] == "."
        else { return nil }
        let after = line.index(after: digits.endIndex)
        if after == line.endIndex || line[after] == " " || line[after] == "\t" { return digits.endIndex }
        return nil
    }

    /// The text of a document of paragraphs of text and line breaks (paragraphs joined by a
    /// blank line), or nil when cmark made anything else of it (the value is then kept as
    /// written).
    private static func paragraphsText(of document: CMarkDocument) -> String? {
        var result = ""
        var paragraph = CMarkNode(pointer: document.root).firstChild
        while let block = paragraph {
            guard block.type == CMARK_NODE_PARAGRAPH else { return nil }
            if !result.isEmpty { result += "\n\n" }
            var node = block.firstChild
            while let current = node {
                switch current.type {
                case CMARK_NODE_TEXT: result += current.literal
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: result += "\n"
                default: return nil
                }
                node = current.next
            }
            paragraph = block.next
        }
        return result
    }
}
