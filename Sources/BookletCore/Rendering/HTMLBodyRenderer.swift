import CMark

/// Renders an entry body (or any booklet Markdown) to HTML by walking the cmark tree.
///
/// cmark's own HTML renderer writes no heading ids and cannot rewrite links, so the walk
/// is ours: headings get their stable ids, links their resolved hrefs, raw HTML is escaped
/// unless allowed, and the first mention of each term may link to its term page.
struct HTMLBodyRenderer {
    /// What the renderer needs to know beyond the Markdown.
    struct Options {
        var links: PageLinks
        /// Resolved targets by destination as written.
        var resolved: [String: ResolvedLink]
        var booklet: LinkedBooklet
        /// Raw HTML passes through (`unsafe-html: true` in booklet.yml).
        var unsafeHTML: Bool { booklet.config.unsafeHTML }
        /// Added to every heading level (print page nests entries deeper), capped at 6.
        var headingShift: Int = 0
        /// Term-mention matcher, or nil to link no mentions.
        var mentions: TermMentions?
        /// Comparison column headings: content under `## <column>` is rendered apart.
        var columns: [String] = []
    }

    /// The rendered body: everything outside comparison columns, then each column.
    struct Output {
        var main: String
        var columns: [String]
    }

    static func render(markdown: String, lineOffset: Int, options: Options) -> Output {
        render(document: CMarkDocument(markdown: markdown, lineOffset: lineOffset), options: options)
    }

    /// Renders an already parsed body (one parse can serve several renders).
    static func render(document: CMarkDocument, options: Options) -> Output {
        var renderer = Walker(options: options)
        document.walk { node, entering in renderer.visit(node, entering: entering) }
        return Output(main: renderer.main, columns: renderer.columns)
    }

    private struct Walker {
        let options: Options
        var main = ""
        var columns: [String]
        /// -1 while writing `main`, else the column index.
        var target = -1
        var slugger = HeadingSlugger()
        var linkDepth = 0
        var headingDepth = 0
        var skippingHeading = false
        var mentionedTerms: Set<TermReference>

        init(options: Options) {
            self.options = options
            columns = Array(repeating: "", count: options.columns.count)
            // Terms the author linked explicitly are not linked again by mention (nothing
            // to collect when mentions are not linked, as in snippets).
            mentionedTerms =
                options.mentions == nil
                ? []
                : Set(
                    options.resolved.values.compactMap {
                        if case .term(let v, let t) = $0 { return TermReference(vocabulary: v, term: t) }
                        return nil
                    })
        }

        mutating func emit(_ text: String) {
            if skippingHeading { return }
            if target < 0 { main += text } else { columns[target] += text }
        }

        mutating func visit(_ node: CMarkNode, entering: Bool) {
            switch node.type {
            case CMARK_NODE_DOCUMENT:
                break
            case CMARK_NODE_BLOCK_QUOTE:
                emit(entering ? "<blockquote>\n" : "</blockquote>\n")
            case CMARK_NODE_LIST:
                if entering {
                    if node.isOrderedList {
                        emit(node.listStart == 1 ? "<ol>\n" : "<ol start=\"\(node.listStart)\">\n")
                    } else {
                        emit("<ul>\n")
                    }
                } else {
                    emit(node.isOrderedList ? "</ol>\n" : "</ul>\n")
                }
            case CMARK_NODE_ITEM:
                emit(entering ? "<li>" : "</li>\n")
            case CMARK_NODE_CODE_BLOCK:
                let info = node.fenceInfo.split(separator: " ").first.map(String.init) ?? ""
                let language = info.isEmpty ? "" : " class=\"language-\(info.htmlEscaped)\""
                emit("<pre><code\(language)>\(node.literal.htmlEscaped)</code></pre>\n")
            case CMARK_NODE_HTML_BLOCK:
                emit(options.unsafeHTML ? node.literal : "<p>\(node.literal.trimmingSpaces.htmlEscaped)</p>\n")
            case CMARK_NODE_PARAGRAPH:
                if isInTightList(node) {
                    if !entering, node.next != nil { emit("\n") }
                } else {
                    emit(entering ? "<p>" : "</p>\n")
                }
            case CMARK_NODE_HEADING:
                heading(node, entering: entering)
            case CMARK_NODE_THEMATIC_BREAK:
                emit("<hr>\n")
            case CMARK_NODE_TEXT:
                text(node.literal)
            case CMARK_NODE_SOFTBREAK:
                emit("\n")
            case CMARK_NODE_LINEBREAK:
                emit("<br>\n")
            case CMARK_NODE_CODE:
                emit("<code>\(node.literal.htmlEscaped)</code>")
            case CMARK_NODE_HTML_INLINE:
                emit(options.unsafeHTML ? node.literal : node.literal.htmlEscaped)
            case CMARK_NODE_EMPH:
                emit(entering ? "<em>" : "</em>")
            case CMARK_NODE_STRONG:
                emit(entering ? "<strong>" : "</strong>")
            case CMARK_NODE_LINK:
                link(node, entering: entering)
            case CMARK_NODE_IMAGE:
                // Images are reported as errors by the linker; only their text shows.
                break
            default:
                break
            }
        }

        private func isInTightList(_ node: CMarkNode) -> Bool {
            guard let item = node.parent, item.type == CMARK_NODE_ITEM, let list = item.parent else { return false }
            return list.isTightList
        }

        private mutating func heading(_ node: CMarkNode, entering: Bool) {
            if entering {
                let text = node.plainText
                let id = slugger.id(for: text)
                if node.headingLevel == 2, node.parent?.type == CMARK_NODE_DOCUMENT,
                    let column = options.columns.firstIndex(of: text)
                {
                    target = column
                    skippingHeading = true
                    return
                }
                let level = min(6, max(2, node.headingLevel + options.headingShift))
                headingDepth += 1
                emit("<h\(level) id=\"\(options.links.headingPrefix)\(id)\">")
            } else {
                if skippingHeading {
                    skippingHeading = false
                    return
                }
                let level = min(6, max(2, node.headingLevel + options.headingShift))
                headingDepth -= 1
                emit("</h\(level)>\n")
            }
        }

        private mutating func link(_ node: CMarkNode, entering: Bool) {
            let resolved = options.resolved[node.url]
            if entering {
                linkDepth += 1
                guard let resolved else { return }
                let href = options.links.href(resolved, in: options.booklet).htmlEscaped
                let title = node.title.isEmpty ? "" : " title=\"\(node.title.htmlEscaped)\""
                if case .external = resolved {
                    emit("<a class=\"external\" href=\"\(href)\"\(title)>")
                } else {
                    emit("<a href=\"\(href)\"\(title)>")
                }
            } else {
                linkDepth -= 1
                if resolved != nil { emit("</a>") }
            }
        }

        /// `text` for ASCII literals, matched byte by byte; false if the string has no
        /// contiguous storage (then the scalar path runs).
        private mutating func asciiText(_ literal: String, mentions: TermMentions) -> Bool {
            var pieces: [(text: String, term: TermReference?)] = []
            let handled = literal.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                let found = mentions.asciiMatches(in: bytes) { !mentionedTerms.contains($0) }
                guard !found.isEmpty else { return false }
                var position = 0
                for match in found where !mentionedTerms.contains(match.term) {
                    mentionedTerms.insert(match.term)
                    pieces.append((String(decoding: bytes[position..<match.range.lowerBound], as: UTF8.self), nil))
                    pieces.append((String(decoding: bytes[match.range], as: UTF8.self), match.term))
                    position = match.range.upperBound
                }
                pieces.append((String(decoding: bytes[position...], as: UTF8.self), nil))
                return true
            }
            guard let handled else { return false }
            guard handled else {
                emit(literal.htmlEscaped)
                return true
            }
            for piece in pieces {
                if let term = piece.term {
                    let href = options.links.termHref(vocabulary: term.vocabulary, term: term.term, in: options.booklet)
                    emit("<a class=\"term-mention\" href=\"\(href.htmlEscaped)\">\(piece.text.htmlEscaped)</a>")
                } else {
                    emit(piece.text.htmlEscaped)
                }
            }
            return true
        }

        private mutating func text(_ literal: String) {
            guard let mentions = options.mentions, linkDepth == 0, headingDepth == 0, !skippingHeading else {
                emit(literal.htmlEscaped)
                return
            }
            if !literal.utf8.contains(where: { $0 >= 0x80 }), asciiText(literal, mentions: mentions) { return }
            let scalars = Array(literal.unicodeScalars)
            let found = mentions.matches(in: scalars) { !mentionedTerms.contains($0) }
            guard !found.isEmpty else {
                emit(literal.htmlEscaped)
                return
            }
            var position = 0
            for match in found where !mentionedTerms.contains(match.term) {
                mentionedTerms.insert(match.term)
                emit(String(String.UnicodeScalarView(scalars[position..<match.range.lowerBound])).htmlEscaped)
                let href = options.links.termHref(
                    vocabulary: match.term.vocabulary, term: match.term.term, in: options.booklet)
                let words = String(String.UnicodeScalarView(scalars[match.range]))
                emit("<a class=\"term-mention\" href=\"\(href.htmlEscaped)\">\(words.htmlEscaped)</a>")
                position = match.range.upperBound
            }
            emit(String(String.UnicodeScalarView(scalars[position...])).htmlEscaped)
        }
    }
}
