/// Builds the Mustache contexts of the plain-text outputs (`text/booklet`, `text/handout`).
///
/// Text needs layout that templates cannot do (wrapping by display width, hanging indents,
/// underlines as wide as their heading), so values arrive laid out: a key ending in a
/// line-shaped name (`heading`, `line`, `body`) holds finished lines, and the templates
/// decide order and spacing. Contexts are total, like the HTML ones: every key is present,
/// optional values are lists of zero or one item.
struct TextContext: Sendable {
    let booklet: LinkedBooklet
    var width: Int { booklet.config.textWidth }

    /// The body of entry `index` laid out as text, with `references` deciding how links read;
    /// from `document` when the body is already parsed.
    func body(_ index: Int, references: TextReferences, document: CMarkDocument? = nil) -> TextBodyRenderer.Output {
        let entry = booklet.entries[index]
        let options = TextBodyRenderer.Options(
            width: width, resolved: entry.links, references: references,
            columns: booklet.sections[entry.section].section.compare)
        guard let document else { return TextBodyRenderer.render(markdown: entry.source.body, options: options) }
        return TextBodyRenderer.render(document: document, options: options)
    }

    /// The whole booklet: title block, contents, sections with their entries, index.
    /// `entry(index)` is the item of an entry in its section's `entries`.
    func bookletContext(entry: (Int) -> Any) -> [String: Any] {
        let references = TextReferences(booklet: booklet, included: nil)
        var context = titleBlock(booklet.config.title)
        context["subtitle"] = PageContext.optional(booklet.config.subtitle).map { wrap($0) }
        context["publisher"] = PageContext.optional(booklet.config.publisher).map { wrap($0) }
        context["contents"] = contents()
        context["sections"] = booklet.sections.map { section -> [String: Any] in
            let heading = wrap(
                "\(section.section.title)", first: "\(section.number). ", rest: indent(for: "\(section.number). "))
            return [
                "number": section.number,
                "title": section.section.title,
                "heading": heading,
                "summary": PageContext.optional(section.section.summary).map {
                    snippet($0, references: references).text
                },
                "entries": section.entries.map(entry),
            ]
        }
        context["index"] = TextIndex(booklet: booklet, width: width).vocabularies()
        return context
    }

    /// One handout: its title, the memo, then its entries, unnumbered.
    func handoutContext(_ handoutIndex: Int) -> [String: Any] {
        let linked = booklet.handouts[handoutIndex]
        let references = TextReferences(booklet: booklet, included: Set(linked.entries))
        var context = titleBlock(linked.handout.title)
        context["memo"] = PageContext.optional(linked.handout.memo).map { memo -> [String: Any] in
            let rendered = snippet(memo, references: references)
            return ["text": rendered.text, "notes": rendered.notes, "has_notes": !rendered.notes.isEmpty]
        }
        context["entries"] = linked.entries.map {
            entry($0, references: references, numbered: false)
        }
        return context
    }

    /// Keys every text page has: the width, a full-width rule and the page's title block.
    private func titleBlock(_ title: String) -> [String: Any] {
        let lines = TextLayout.wrap(title, width: width)
        return [
            "booklet_title": booklet.config.title,
            "width": width,
            "rule": String(repeating: "=", count: width),
            "title": lines.joined(separator: "\n"),
            "title_underline": TextLayout.underline(lines, with: "="),
        ]
    }

    /// Numbered contents: sections, then their entries, numbers aligned and titles hanging.
    private func contents() -> [[String: Any]] {
        let sectionLabelWidth = booklet.sections.map { "\($0.number).".count }.max() ?? 2
        let entryLabelWidth = booklet.entries.map { $0.number.count }.max() ?? 3
        return booklet.sections.map { section in
            let label = pad("\(section.number).", to: sectionLabelWidth) + " "
            let entryIndent = String(repeating: " ", count: label.count)
            return [
                "line": wrap(section.section.title, first: label, rest: indent(for: label)),
                "entries": section.entries.map { index -> [String: Any] in
                    let entry = booklet.entries[index]
                    let first = entryIndent + pad(entry.number, to: entryLabelWidth) + "  "
                    return ["line": wrap(entry.title, first: first, rest: indent(for: first))]
                },
            ]
        }
    }

    /// The keys of an entry that need no body: number, title, heading and its underline.
    private func entryTitle(_ index: Int, numbered: Bool) -> [String: Any] {
        let entry = booklet.entries[index]
        let label = numbered ? entry.number + " " : ""
        let headingLines = TextBlockWriter.paragraphLines(
            entry.title, width: width, first: label, rest: indent(for: label))
        return [
            "number": entry.number,
            "title": entry.title,
            "heading": headingLines.joined(separator: "\n"),
            "underline": TextLayout.underline(headingLines, with: "-"),
        ]
    }

    /// One entry laid out: heading and its underline, body, vocabularies, source, notes.
    /// `numbered` is false in handouts, which show only the heading, body, source and notes.
    /// `document` is the entry's body already parsed, if at hand.
    func entry(_ index: Int, references: TextReferences, numbered: Bool, document: CMarkDocument? = nil)
        -> [String: Any]
    {
        entryTitle(index, numbered: numbered).merging(
            entryContent(index, references: references, numbered: numbered, document: document)
        ) { first, _ in first }
    }

    /// The keys of an entry that come from its body: body, vocabularies, source, notes.
    /// `document` is the entry's body already parsed, if at hand.
    private func entryContent(_ index: Int, references: TextReferences, numbered: Bool, document: CMarkDocument?)
        -> [String: Any]
    {
        let entry = booklet.entries[index]
        let output = body(index, references: references, document: document)
        let parts = [output.main] + output.columns
        // Handouts show no vocabularies, but keep the source line: they credit their entries.
        let taxonomies =
            !numbered
            ? []
            : booklet.vocabularies.enumerated().compactMap { v, linked -> [String: Any]? in
                let titles = entry.terms.filter { $0.vocabulary == v }.map { linked.vocabulary.terms[$0.term].title }
                guard !titles.isEmpty else { return nil }
                let label = linked.vocabulary.title + ": "
                return ["line": wrap(label + titles.joined(separator: ", "), rest: "    ")]
            }
        let notes = noteLines(output.notes)
        let source = PageContext.optional(entry.source.source).map { wrap("Source: " + $0, rest: "    ") }
        return [
            "body": parts.filter { !$0.isEmpty }.joined(separator: "\n\n"),
            "taxonomies": taxonomies,
            "source": source,
            "has_meta": !taxonomies.isEmpty || !source.isEmpty,
            "notes": notes,
            "has_notes": !notes.isEmpty,
        ]
    }

    /// Markdown from the configuration files (summaries, memos), rendered at the text width.
    private func snippet(_ markdown: String, references: TextReferences) -> (text: String, notes: [[String: Any]]) {
        let output = TextBodyRenderer.render(
            markdown: markdown,
            options: TextBodyRenderer.Options(width: width, resolved: booklet.snippetLinks, references: references))
        return (output.main, noteLines(output.notes))
    }

    private func noteLines(_ urls: [String]) -> [[String: Any]] {
        urls.enumerated().map { index, url in
            let label = "[\(index + 1)] "
            return ["line": wrap(url, first: label, rest: indent(for: label))]
        }
    }

    /// `text` wrapped at the width behind `first` on the first line and `rest` after.
    func wrap(_ text: String, first: String = "", rest: String = "") -> String {
        TextBlockWriter.paragraphLines(text, width: width, first: first, rest: rest).joined(separator: "\n")
    }

    private func indent(for label: String) -> String { String(repeating: " ", count: TextLayout.width(of: label)) }

    private func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// The rendered template text as a file: LF line ends, no trailing spaces, no leading
    /// blank lines, one final newline.
    static func finish(_ text: String) -> String {
        var finisher = TextFinisher()
        return finisher.feed(text) + finisher.end()
    }
}
