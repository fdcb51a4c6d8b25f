/// Builds the template contexts of the plain-text outputs (`text/booklet`, `text/handout`).
///
/// Text needs layout that templates cannot do (wrapping by display width, hanging indents,
/// underlines as wide as their heading), so values arrive laid out: a key ending in a
/// line-shaped name (`heading`, `line`, `body`) holds finished lines, and the templates
/// decide order and spacing. Contexts are total, like the HTML ones: every key is present,
/// optional values are lists of zero or one item.
struct TextContext: Sendable {
    let booklet: LinkedBooklet
    var width: Int { booklet.config.textWidth }

    /// The body of entry `index` laid out as text, with `references` deciding how links read.
    func body(_ index: Int, references: TextReferences) -> TextBodyRenderer.Output {
        let entry = booklet.entries[index]
        let options = TextBodyRenderer.Options(
            width: width, references: references, columns: booklet.sections[entry.section].section.compare)
        return TextBodyRenderer.render(entry.body, options: options)
    }

    /// The whole booklet: title block, contents, sections with their entries, index.
    /// `entries(indices)` is a section's `entries`.
    func bookletContext(entries: ([Int]) -> TemplateValue) -> TemplateObject {
        let references = TextReferences(booklet: booklet, included: nil)
        var context = titleBlock(booklet.config.title)
        context["subtitle"] = optionalWrapped(booklet.config.subtitle)
        context["publisher"] = optionalWrapped(booklet.config.publisher)
        context["contents"] = contents()
        context["sections"] = .objects(
            booklet.sections.map { section in
                let heading = wrap(
                    "\(section.section.title)", first: "\(section.number). ", rest: indent(for: "\(section.number). "))
                let summary = section.section.summary.flatMap { $0.isBlank ? nil : snippet($0, references: references).text }
                return [
                    "number": .number(section.number),
                    "title": .text(section.section.title),
                    "heading": .text(heading),
                    "summary": summary.map { [.text($0)] } ?? [],
                    "entries": entries(section.entries),
                ]
            })
        context["index"] = TextIndex(booklet: booklet, width: width).vocabularies()
        return context
    }

    /// `text` wrapped, as a list of zero or one item.
    private func optionalWrapped(_ text: String?) -> TemplateValue {
        guard let text, !text.isBlank else { return [] }
        return [.text(wrap(text))]
    }

    /// One handout: its title, the memo, then its entries, unnumbered.
    func handoutContext(_ handoutIndex: Int) -> TemplateObject {
        let linked = booklet.handouts[handoutIndex]
        let references = TextReferences(booklet: booklet, included: Set(linked.entries))
        var context = titleBlock(linked.handout.title)
        if let memo = linked.handout.memo, !memo.isBlank {
            let rendered = snippet(memo, references: references)
            context["memo"] = [
                .object(
                    [
                        "text": .text(rendered.text), "notes": rendered.notes,
                        "has_notes": .bool(rendered.notes.isTruthy),
                    ] as TemplateObject)
            ]
        } else {
            context["memo"] = []
        }
        context["entries"] = .list(linked.entries.map { .object(entry($0, references: references, numbered: false)) })
        return context
    }

    /// Keys every text page has: the width, a full-width rule and the page's title block.
    private func titleBlock(_ title: String) -> TemplateObject {
        let lines = TextLayout.wrap(title, width: width)
        return [
            "booklet_title": .text(booklet.config.title),
            "width": .number(width),
            "rule": .text(String(repeating: "=", count: width)),
            "title": .text(lines.joined(separator: "\n")),
            "title_underline": .text(TextLayout.underline(lines, with: "=")),
        ]
    }

    /// Numbered contents: sections, then their entries, numbers aligned and titles hanging.
    private func contents() -> TemplateValue {
        let sectionLabelWidth = booklet.sections.map { "\($0.number).".count }.max() ?? 2
        let entryLabelWidth = booklet.entries.map { $0.number.count }.max() ?? 3
        return .objects(
            booklet.sections.map { section in
                let label = pad("\(section.number).", to: sectionLabelWidth) + " "
                let entryIndent = String(repeating: " ", count: label.count)
                return [
                    "line": .text(wrap(section.section.title, first: label, rest: indent(for: label))),
                    "entries": .objects(
                        section.entries.map { index in
                            let entry = booklet.entries[index]
                            let first = entryIndent + pad(entry.number, to: entryLabelWidth) + "  "
                            return ["line": .text(wrap(entry.title, first: first, rest: indent(for: first)))]
                        }),
                ]
            })
    }

    /// The keys of an entry that need no body: number, title, heading and its underline.
    private func entryTitle(_ index: Int, numbered: Bool) -> TemplateObject {
        let entry = booklet.entries[index]
        let label = numbered ? entry.number + " " : ""
        let headingLines = TextBlockWriter.paragraphLines(
            entry.title, width: width, first: label, rest: indent(for: label))
        return [
            "number": .text(entry.number),
            "title": .text(entry.title),
            "heading": .text(headingLines.joined(separator: "\n")),
            "underline": .text(TextLayout.underline(headingLines, with: "-")),
        ]
    }

    /// One entry laid out: heading and its underline, body, vocabularies, source, notes.
    /// `numbered` is false in handouts, which show only the heading, body, source and notes.
    func entry(_ index: Int, references: TextReferences, numbered: Bool) -> TemplateObject {
        var context = entryContent(index, references: references, numbered: numbered)
        context.values.merge(entryTitle(index, numbered: numbered).values) { _, title in title }
        return context
    }

    /// The keys of an entry that come from its body: body, vocabularies, source, notes.
    private func entryContent(_ index: Int, references: TextReferences, numbered: Bool) -> TemplateObject {
        let entry = booklet.entries[index]
        let output = body(index, references: references)
        let parts = [output.main] + output.columns
        // Handouts show no vocabularies, but keep the source line: they credit their entries.
        let taxonomies =
            !numbered
            ? []
            : booklet.vocabularies.enumerated().compactMap { v, linked -> TemplateObject? in
                let titles = entry.terms.filter { $0.vocabulary == v }.map { linked.vocabulary.terms[$0.term].title }
                guard !titles.isEmpty else { return nil }
                let label = linked.vocabulary.title + ": "
                return ["line": .text(wrap(label + titles.joined(separator: ", "), rest: "    "))]
            }
        let notes = noteLines(output.notes)
        let source: [TemplateValue] =
            (entry.source.source?.isBlank ?? true) ? [] : [.text(wrap("Source: " + (entry.source.source ?? ""), rest: "    "))]
        return [
            "body": .text(parts.filter { !$0.isEmpty }.joined(separator: "\n\n")),
            "taxonomies": .objects(taxonomies),
            "source": .list(source),
            "has_meta": .bool(!taxonomies.isEmpty || !source.isEmpty),
            "notes": notes,
            "has_notes": .bool(notes.isTruthy),
        ]
    }

    /// Markdown from the configuration files (summaries, memos), rendered at the text width.
    private func snippet(_ markdown: String, references: TextReferences) -> (text: String, notes: TemplateValue) {
        let output = TextBodyRenderer.render(
            booklet.snippet(markdown), options: TextBodyRenderer.Options(width: width, references: references))
        return (output.main, noteLines(output.notes))
    }

    private func noteLines(_ urls: [String]) -> TemplateValue {
        .objects(
            urls.enumerated().map { index, url in
                let label = "[\(index + 1)] "
                return ["line": .text(wrap(url, first: label, rest: indent(for: label)))]
            })
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
        return String(decoding: finisher.feed(Array(text.utf8)) + finisher.end(), as: UTF8.self)
    }
}
