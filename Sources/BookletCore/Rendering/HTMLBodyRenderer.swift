/// Renders an entry body (or any booklet Markdown) to HTML by walking its parsed body.
///
/// cmark's own HTML renderer writes no heading ids and cannot rewrite links, so the walk
/// is ours: headings get their stable ids, links their resolved hrefs, raw HTML is escaped
/// unless allowed, and the first mention of each term may link to its term page.
struct HTMLBodyRenderer {
    /// What the renderer needs to know beyond the body.
    struct Options {
        var links: PageLinks
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

        /// A comparison entry's `cells`: each of `columns` (the section's `compare:`) with
        /// the HTML written under it.
        func cells(_ columns: [String]) -> TemplateValue {
            .objects(zip(columns, self.columns).map { ["column": .text($0), "html": .text($1)] })
        }
    }

    /// Renders `body`, parsed once by the parse stage, with its links as the linker resolved them.
    static func render(_ body: LinkedBody, options: Options) -> Output {
        var renderer = Walker(options: options, body: body)
        for event in body.parsed.events { renderer.visit(event) }
        return renderer.output
    }

    private struct Walker {
        let options: Options
        let body: LinkedBody
        var output: Output
        /// -1 while writing `main`, else the column index.
        var target = -1
        var linkDepth = 0
        var headingDepth = 0
        var skippingHeading = false
        /// Images entered and not yet left: their alt text is written in the tag, not as text.
        var imageDepth = 0
        /// Images written so far: the first loads at once, later ones lazily.
        var imageCount = 0
        var mentionedTerms: Set<TermReference>

        init(options: Options, body: LinkedBody) {
            self.options = options
            self.body = body
            output = Output(main: "", columns: Array(repeating: "", count: options.columns.count))
            // Terms the author linked explicitly are not linked again by mention (nothing
            // to collect when mentions are not linked, as in snippets).
            mentionedTerms =
                options.mentions == nil
                ? []
                : Set(
                    body.links.compactMap {
                        if case .term(let v, let t)? = $0 { return TermReference(vocabulary: v, term: t) }
                        return nil
                    })
        }

        /// Writes `text` to the current output.
        mutating func emit(_ text: String) {
            if skippingHeading || imageDepth > 0 { return }
            if target < 0 { output.main += text } else { output.columns[target] += text }
        }

        /// Starts a new line unless the output is empty or already at one, as cmark's
        /// renderer does before every block, so the bytes between blocks are cmark's.
        mutating func newLine() {
            if skippingHeading { return }
            if target < 0 {
                if let last = output.main.utf8.last, last != 0x0A { output.main += "\n" }
            } else if let last = output.columns[target].utf8.last, last != 0x0A {
                output.columns[target] += "\n"
            }
        }

        mutating func visit(_ event: ParsedBody.Event) {
            let entering = event.entering
            switch event.kind {
            case .blockQuote:
                newLine()
                emit(entering ? "<blockquote>\n" : "</blockquote>\n")
            case .list:
                if entering {
                    newLine()
                    if event.isOrderedList {
                        emit(event.listStart == 1 ? "<ol>\n" : "<ol start=\"\(event.listStart)\">\n")
                    } else {
                        emit("<ul>\n")
                    }
                } else {
                    emit(event.isOrderedList ? "</ol>\n" : "</ul>\n")
                }
            case .item:
                if entering { newLine() }
                emit(entering ? "<li>" : "</li>\n")
            case .codeBlock:
                newLine()
                let code = body.parsed.literal(event).htmlEscaped
                emit("<pre><code\(Self.languageClass(body.parsed.fenceInfo(event)))>\(code)</code></pre>\n")
            case .htmlBlock:
                newLine()
                let literal = body.parsed.literal(event)
                emit(options.unsafeHTML ? literal : "<p>\(literal.trimmingSpaces.htmlEscaped)</p>\n")
                newLine()
            case .paragraph:
                if event.isInTightList { break }
                if entering { newLine() }
                emit(entering ? "<p>" : "</p>\n")
            case .heading:
                heading(event)
            case .thematicBreak:
                newLine()
                emit(options.xhtml ? "<hr/>\n" : "<hr>\n")
            case .text:
                text(body.parsed.literal(event))
            case .softBreak:
                emit("\n")
            case .lineBreak:
                emit(options.xhtml ? "<br/>\n" : "<br>\n")
            case .code:
                emit("<code>\(body.parsed.literal(event).htmlEscaped)</code>")
            case .htmlInline:
                let literal = body.parsed.literal(event)
                emit(options.unsafeHTML ? literal : literal.htmlEscaped)
            case .emphasis:
                emit(entering ? "<em>" : "</em>")
            case .strong:
                emit(entering ? "<strong>" : "</strong>")
            case .link:
                link(event)
            case .image:
                if entering {
                    imageCount += 1
                    emit(
                        HTMLImages.tag(
                            body.target(of: event), alt: body.parsed.altText(event), title: body.parsed.title(event),
                            number: imageCount, links: options.links, in: options.booklet, xhtml: options.xhtml))
                }
                imageDepth += entering ? 1 : -1
            case .other:
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

        private mutating func heading(_ event: ParsedBody.Event) {
            // At least 2 (the page title is the only h1, so `#` is read as `##`, and the
            // linker warns), shifted, at most 6.
            let level = min(6, max(2, event.headingLevel) + options.headingShift)
            if event.entering {
                if event.headingLevel == 2, event.isTopLevel,
                    let column = options.columns.firstIndex(of: body.parsed.headingText(event))
                {
                    target = column
                    skippingHeading = true
                    return
                }
                headingDepth += 1
                newLine()
                emit("<h\(level) id=\"\(options.links.headingPrefix)\(body.parsed.headingID(event))\">")
            } else {
                if skippingHeading {
                    skippingHeading = false
                    return
                }
                headingDepth -= 1
                emit("</h\(level)>\n")
            }
        }

        private mutating func link(_ event: ParsedBody.Event) {
            var resolved = body.target(of: event)
            if options.xhtml, case .file(let index)? = resolved, !options.booklet.files[index].isImage {
                // An e-book may only link to its own documents: an attached file is named
                // after the link's text instead (the site offers it).
                resolved = nil
                if !event.entering {
                    emit(" (attached: " + options.booklet.files[index].name.htmlEscaped + ")")
                }
            }
            if event.entering {
                linkDepth += 1
                guard let resolved else { return }
                let title = body.parsed.title(event)
                let titleAttribute = title.isEmpty ? "" : " title=\"\(title.htmlEscaped)\""
                if case .external(let url) = resolved {
                    // Written as cmark writes it: percent-encoded, not only HTML-escaped.
                    emit("<a class=\"external\" href=\"" + url.hrefEscaped + "\"" + titleAttribute + ">")
                } else {
                    let href = options.links.href(resolved, in: options.booklet)
                    emit("<a href=\"" + href.htmlEscaped + "\"" + titleAttribute + ">")
                }
            } else {
                linkDepth -= 1
                if resolved != nil { emit("</a>") }
            }
        }

        /// `words` in the text, linked to the page of `term`.
        private mutating func mention(_ term: TermReference, words: String) {
            let href = options.links.termHref(vocabulary: term.vocabulary, term: term.term, in: options.booklet)
            emit("<a class=\"term-mention\" href=\"" + href.htmlEscaped + "\">" + words.htmlEscaped + "</a>")
        }

        private mutating func text(_ literal: String) {
            guard let mentions = options.mentions, linkDepth == 0, headingDepth == 0, imageDepth == 0, !skippingHeading
            else {
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
