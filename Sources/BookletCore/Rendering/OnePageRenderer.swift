/// Renders the outputs that put several entries on one page: `print.html`, the handouts
/// (HTML and text) and the plain-text booklet.
///
/// On one page every id must be unique and cross-references must stay on the page: an
/// entry's anchor is `<section>--<slug>`, its heading ids are prefixed with that and `--`,
/// and a section's anchor is its id. Generated ids never contain `--` otherwise, and the
/// page's own ids start with `_`, so none of these can collide.
struct OnePageRenderer {
    let site: SiteRenderer

    private var booklet: LinkedBooklet { site.booklet }

    /// Renders `print.html` and `booklet.txt` part by part (see `OnePageStream`), then
    /// the handouts, handing files to `emit`; returns template names the contexts lacked.
    func render<Failure: Error>(
        emit: ([OutputFile]) throws(Failure) -> Void, finished: (String) -> Void = { _ in }
    ) async throws(Failure) -> [String: Set<String>] {
        var unknown: [String: Set<String>] = [:]
        var print = FileParts(path: "print.html")
        try await printStream().render { (part) throws(Failure) in
            try emit([print.next(part.text)])
            unknown.merge(part.unknownKeys) { $0.union($1) }
        }
        finished("print.html")
        var text = FileParts(path: "booklet.txt")
        var finisher = TextFinisher()
        try await textStream().render { (part) throws(Failure) in
            try emit([text.next(finisher.feed(part.text))])
            unknown.merge(part.unknownKeys) { $0.union($1) }
        }
        try emit([text.next(finisher.end())])
        finished("booklet.txt")
        var pages: [SiteRenderer.Page] = []
        for index in booklet.handouts.indices {
            pages.append(handoutPage(index))
            pages.append(handoutText(index))
        }
        for page in pages where !page.unknownKeys.isEmpty {
            unknown[page.template, default: []].formUnion(page.unknownKeys)
        }
        try emit(pages.map { OutputFile(path: $0.path, text: $0.text) })
        finished("handouts")
        return unknown
    }

    /// The in-page anchors of all entries, by index.
    private var anchors: [Int: String] {
        Dictionary(uniqueKeysWithValues: booklet.entries.indices.map { ($0, anchor(of: $0)) })
    }

    /// The in-page anchor of entry `index`.
    func anchor(of index: Int) -> String {
        let source = booklet.entries[index].source
        return source.sectionID + "--" + source.slug
    }

    /// `print.html`: title page, contents, then every section (each on a new printed page),
    /// each entry rendered by the partial `print-entry` in slot `entry index`.
    func printStream() -> OnePageStream {
        let anchors = anchors
        let links = PageLinks(depth: 0, anchors: anchors)
        let renderer = self
        let items = booklet.entries.indices.map { index in
            // The contents list needs only these; the rest is built when the entry renders.
            SlotItem(
                index: index,
                light: [
                    "anchor": anchor(of: index), "number": [booklet.entries[index].number],
                    "title": booklet.entries[index].title,
                ],
                heavy: { renderer.entryContext($0, anchors: anchors, numbered: true) })
        }
        var context = site.contexts.common(
            links: links, pageTitle: "The whole booklet", description: booklet.config.subtitle, page: "print",
            breadcrumbs: [site.contexts.homeCrumb(links)])
        let sections = booklet.sections.map { section -> [String: Any] in
            [
                "number": section.number,
                "title": section.section.title,
                "anchor": section.section.id,
                "summary_html": site.snippets.html(section.section.summary, depth: 0),
                "entries": section.entries.map { items[$0] },
            ]
        }
        context["sections"] = sections
        return OnePageStream(
            templates: site.templates, template: "html/print", partial: "print-entry", root: context,
            levels: booklet.entries.map { [sections[$0.section]] }, items: items)
    }

    /// `<handout>.html`: the handout's title, memo and entries, printable on letter and A4.
    func handoutPage(_ handoutIndex: Int) -> SiteRenderer.Page {
        let linked = booklet.handouts[handoutIndex]
        let anchors = Dictionary(linked.entries.map { ($0, anchor(of: $0)) }, uniquingKeysWith: { first, _ in first })
        let links = PageLinks(depth: 0, anchors: anchors)
        var context = site.contexts.common(
            links: links, pageTitle: linked.handout.title, description: nil, page: "handout",
            breadcrumbs: [site.contexts.homeCrumb(links)])
        // The memo's links to entries of this handout stay on the page, like the entries' own.
        let memo =
            linked.handout.memo.map {
                HTMLBodyRenderer.render(
                    markdown: $0, lineOffset: 0,
                    options: HTMLBodyRenderer.Options(
                        links: links, resolved: booklet.snippetLinks, booklet: booklet)
                ).main
            } ?? ""
        context["handout"] =
            [
                "title": linked.handout.title,
                "memo_html": memo.isEmpty ? [] : [memo],
                "entries": linked.entries.map { entryContext($0, anchors: anchors, numbered: false) },
            ] as [String: Any]
        return site.page(linked.handout.id + ".html", template: "html/handout", context: context)
    }

    /// One entry on a one-page output: anchor, number, title, and its body with heading ids
    /// prefixed with its anchor and cross-references to entries on the page as fragments.
    /// Comparison entries print their columns in sequence under their headings.
    private func entryContext(_ index: Int, anchors: [Int: String], numbered: Bool) -> [String: Any] {
        let entry = booklet.entries[index]
        let anchor = anchors[index] ?? anchor(of: index)
        let links = PageLinks(depth: 0, anchors: anchors, headingPrefix: anchor + "--")
        let body = HTMLBodyRenderer.render(
            markdown: entry.source.body, lineOffset: entry.source.bodyLineOffset,
            options: site.bodyOptions(for: index, links: links, headingShift: numbered ? 2 : 1))
        return [
            "anchor": anchor,
            "number": numbered ? [entry.number] : [],
            "title": entry.title,
            "body_html": body.main,
            "source": numbered ? PageContext.optional(entry.source.source) : [],
            "taxonomies": numbered ? site.contexts.taxonomies(of: entry, links: links) : [],
            "url": links.entryHref(index, in: booklet),
        ]
    }

    /// `booklet.txt`, each entry rendered by the partial `entry` in slot `entry index`.
    func textStream() -> OnePageStream {
        let text = TextContext(booklet: booklet)
        let references = TextReferences(booklet: booklet, included: nil)
        let items = booklet.entries.indices.map { index in
            SlotItem(
                index: index, light: text.entryTitle(index, numbered: true),
                heavy: { text.entryContent($0, references: references, numbered: true) })
        }
        let context = text.bookletContext(entry: { items[$0] })
        let sections = context["sections"] as? [[String: Any]] ?? []
        return OnePageStream(
            templates: site.templates, template: "text/booklet", partial: "entry", root: context,
            levels: booklet.entries.map { sections.indices.contains($0.section) ? [sections[$0.section]] : [] },
            items: items)
    }

    /// `<handout>.txt`.
    func handoutText(_ handoutIndex: Int) -> SiteRenderer.Page {
        let context = TextContext(booklet: booklet).handoutContext(handoutIndex)
        var page = site.page(
            booklet.handouts[handoutIndex].handout.id + ".txt", template: "text/handout", context: context)
        page.text = TextContext.finish(page.text)
        return page
    }
}
