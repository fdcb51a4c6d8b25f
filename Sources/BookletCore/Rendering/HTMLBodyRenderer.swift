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
        /// Raw HTML passes through (`unsafe-html: true` in booklet.yml), never into XHTML.
        var unsafeHTML: Bool { booklet.config.unsafeHTML && !xhtml }
        /// Added to every heading level (print page nests entries deeper), capped at 6.
        var headingShift: Int = 0
        /// Term-mention matcher, or nil to link no mentions.
        var mentions: TermMentions?
        /// Comparison column headings: content under `## <column>` is rendered apart.
        var columns: [String] = []
        /// XHTML for the e-book: void elements self-closed (`<hr/>`, `<br/>`), raw HTML
        /// always escaped (it need not be well-formed XML).
        var xhtml = false
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
        var renderer = Walker(options: options, placements: [Placement(options)])
        document.walk { node, entering in renderer.visit(node, entering: entering) }
        return renderer.outputs[0]
    }

    /// What differs between pages showing the same body: where links lead from there, and
    /// how deep headings sit.
    private struct Placement {
        var links: PageLinks
        var headingShift: Int

        init(_ options: Options) {
            links = options.links
            headingShift = options.headingShift
        }

        /// The level of a heading written at `level`: at least 2 (the page title is the
        /// only h1, so `#` is read as `##`, and the linker warns), shifted, at most 6.
        func level(_ level: Int) -> Int { min(6, max(2, level) + headingShift) }
    }

    private struct Walker {
        let options: Options
        let placements: [Placement]
        /// One per placement.
        var outputs: [Output]
        /// -1 while writing `main`, else the column index.
        var target = -1
        var slugger = HeadingSlugger()
        var linkDepth = 0
        var headingDepth = 0
        var skippingHeading = false
        var mentionedTerms: Set<TermReference>

        init(options: Options, placements: [Placement]) {
            self.options = options
            self.placements = placements
            outputs = Array(
                repeating: Output(main: "", columns: Array(repeating: "", count: options.columns.count)),
                count: placements.count)
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

        /// Writes `text` to every placement's output.
        mutating func emit(_ text: String) {
            if skippingHeading { return }
            for index in outputs.indices {
                if target < 0 { outputs[index].main += text } else { outputs[index].columns[target] += text }
            }
        }

        /// Writes what `text` gives for each placement (a link, a heading tag) to its output.
        mutating func emitEach(_ text: (Placement) -> String) {
            if skippingHeading { return }
            for index in outputs.indices {
                let piece = text(placements[index])
                if target < 0 { outputs[index].main += piece } else { outputs[index].columns[target] += piece }
            }
        }

        /// Starts a new line unless the output is empty or already at one, as cmark's
        /// renderer does before every block, so the bytes between blocks are cmark's.
        mutating func newLine() {
            if skippingHeading { return }
            for index in outputs.indices {
                if target < 0 {
                    if let last = outputs[index].main.utf8.last, last != 0x0A { outputs[index].main += "\n" }
                } else if let last = outputs[index].columns[target].utf8.last, last != 0x0A {
                    outputs[index].columns[target] += "\n"
                }
            }
        }

        mutating func visit(_ node: CMarkNode, entering: Bool) {
            switch node.type {
            case CMARK_NODE_DOCUMENT:
                break
            case CMARK_NODE_BLOCK_QUOTE:
                newLine()
                emit(entering ? "<blockquote>\n" : "</blockquote>\n")
            case CMARK_NODE_LIST:
                if entering {
                    newLine()
                    if node.isOrderedList {
                        emit(node.listStart == 1 ? "<ol>\n" : "<ol start=\"\(node.listStart)\">\n")
                    } else {
                        emit("<ul>\n")
                    }
                } else {
                    emit(node.isOrderedList ? "</ol>\n" : "</ul>\n")
                }
            case CMARK_NODE_ITEM:
                if entering { newLine() }
                emit(entering ? "<li>" : "</li>\n")
            case CMARK_NODE_CODE_BLOCK:
                newLine()
                emit("<pre><code\(Self.languageClass(node.fenceInfo))>\(node.literal.htmlEscaped)</code></pre>\n")
            case CMARK_NODE_HTML_BLOCK:
                newLine()
                emit(options.unsafeHTML ? node.literal : "<p>\(node.literal.trimmingSpaces.htmlEscaped)</p>\n")
                newLine()
            case CMARK_NODE_PARAGRAPH:
                if isInTightList(node) { break }
                if entering { newLine() }
                emit(entering ? "<p>" : "</p>\n")
            case CMARK_NODE_HEADING:
                heading(node, entering: entering)
            case CMARK_NODE_THEMATIC_BREAK:
                newLine()
                emit(options.xhtml ? "<hr/>\n" : "<hr>\n")
            case CMARK_NODE_TEXT:
                text(node.literal)
            case CMARK_NODE_SOFTBREAK:
                emit("\n")
            case CMARK_NODE_LINEBREAK:
                emit(options.xhtml ? "<br/>\n" : "<br>\n")
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

        /// The class attribute naming a fenced code block's language: the info string up
        /// to its first whitespace (space, tab, line or form feed, as cmark cuts it).
        static func languageClass(_ info: String) -> String {
            let language = info.utf8.prefix { !(0x09...0x0D).contains($0) && $0 != 0x20 }
            return language.isEmpty
                ? "" : " class=\"language-\(String(decoding: language, as: UTF8.self).htmlEscaped)\""
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
                headingDepth += 1
                let level = node.headingLevel
                newLine()
                emitEach { "<h\($0.level(level)) id=\"\($0.links.headingPrefix)\(id)\">" }
            } else {
                if skippingHeading {
                    skippingHeading = false
                    return
                }
                headingDepth -= 1
                let level = node.headingLevel
                emitEach { "</h\($0.level(level))>\n" }
            }
        }

        private mutating func link(_ node: CMarkNode, entering: Bool) {
            let resolved = options.resolved[node.url]
            if entering {
                linkDepth += 1
                guard let resolved else { return }
                let title = node.title.isEmpty ? "" : " title=\"\(node.title.htmlEscaped)\""
                let booklet = options.booklet
                if case .external(let url) = resolved {
                    // Written as cmark writes it: percent-encoded, not only HTML-escaped.
                    emit("<a class=\"external\" href=\"" + url.hrefEscaped + "\"" + title + ">")
                } else {
                    emitEach { "<a href=\"" + $0.links.href(resolved, in: booklet).htmlEscaped + "\"" + title + ">" }
                }
            } else {
                linkDepth -= 1
                if resolved != nil { emit("</a>") }
            }
        }

        /// `words` in the text, linked to the page of `term`.
        private mutating func mention(_ term: TermReference, words: String) {
            let booklet = options.booklet
            let text = words.htmlEscaped
            emitEach {
                let href = $0.links.termHref(vocabulary: term.vocabulary, term: term.term, in: booklet)
                return "<a class=\"term-mention\" href=\"" + href.htmlEscaped + "\">" + text + "</a>"
            }
        }

        private mutating func text(_ literal: String) {
            guard let mentions = options.mentions, linkDepth == 0, headingDepth == 0, !skippingHeading else {
                emit(literal.htmlEscaped)
                return
            }
            let found = mentions.matches(in: literal) { !mentionedTerms.contains($0) }
            guard !found.isEmpty else {
                emit(literal.htmlEscaped)
                return
            }
            // Sliced by scalars: a String slice would round to whole Characters.
            let scalars = literal.unicodeScalars
            var position = scalars.startIndex
            for match in found where !mentionedTerms.contains(match.term) {
                mentionedTerms.insert(match.term)
                emit(String(scalars[position..<match.range.lowerBound]).htmlEscaped)
                mention(match.term, words: String(scalars[match.range]))
                position = match.range.upperBound
            }
            emit(String(scalars[position...]).htmlEscaped)
        }
    }
}
