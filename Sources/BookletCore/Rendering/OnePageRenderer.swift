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

    func pages() async -> [SiteRenderer.Page] {
        var pages = [await printPage(), await bookletText()]
        for index in booklet.handouts.indices {
            pages.append(handoutPage(index))
            pages.append(handoutText(index))
        }
        return pages
    }

    /// The in-page anchor of entry `index`.
    func anchor(of index: Int) -> String {
        let source = booklet.entries[index].source
        return source.sectionID + "--" + source.slug
    }

    /// `print.html`: title page, contents, then every section (each on a new printed page).
    func printPage() async -> SiteRenderer.Page {
        let anchors = Dictionary(uniqueKeysWithValues: booklet.entries.indices.map { ($0, anchor(of: $0)) })
        let links = PageLinks(depth: 0, anchors: anchors)
        let renderer = self
        let bodies = await Array(booklet.entries.indices).concurrentMap {
            renderer.bodyHTML($0, anchors: anchors, numbered: true)
        }
        var context = site.contexts.common(
            links: links, pageTitle: "The whole booklet", description: booklet.config.subtitle, page: "print",
            breadcrumbs: [["title": booklet.config.title, "url": links.rootHref("index.html")]])
        context["sections"] = booklet.sections.map { section -> [String: Any] in
            [
                "number": section.number,
                "title": section.section.title,
                "anchor": section.section.id,
                "summary_html": site.snippets.html(section.section.summary, depth: 0),
                "entries": section.entries.map {
                    entryContext($0, anchors: anchors, numbered: true, body: bodies[$0])
                },
            ]
        }
        return site.page("print.html", template: "html/print", context: context)
    }

    /// `<handout>.html`: the handout's title, memo and entries, printable on letter and A4.
    func handoutPage(_ handoutIndex: Int) -> SiteRenderer.Page {
        let linked = booklet.handouts[handoutIndex]
        let anchors = Dictionary(linked.entries.map { ($0, anchor(of: $0)) }, uniquingKeysWith: { first, _ in first })
        let links = PageLinks(depth: 0, anchors: anchors)
        var context = site.contexts.common(
            links: links, pageTitle: linked.handout.title, description: nil, page: "handout",
            breadcrumbs: [["title": booklet.config.title, "url": links.rootHref("index.html")]])
        // The memo's links to entries of this handout stay on the page, like the entries' own.
        let memo =
            linked.handout.memo.map {
                HTMLBodyRenderer.render(
                    markdown: $0, lineOffset: 0,
                    options: HTMLBodyRenderer.Options(
                        links: links, resolved: booklet.snippetLinks, booklet: booklet,
                        unsafeHTML: booklet.config.unsafeHTML)
                ).main
            } ?? ""
        var seen: Set<Int> = []
        context["handout"] =
            [
                "title": linked.handout.title,
                "memo_html": memo.isEmpty ? [] : [memo],
                // An entry listed twice is shown once: its ids must stay unique.
                "entries": linked.entries.filter { seen.insert($0).inserted }.map {
                    entryContext(
                        $0, anchors: anchors, numbered: false, body: bodyHTML($0, anchors: anchors, numbered: false))
                },
            ] as [String: Any]
        return site.page(linked.handout.id + ".html", template: "html/handout", context: context)
    }

    /// Entry `index`'s body for a one-page output: heading ids prefixed with its anchor,
    /// cross-references to entries on the page as fragments. Comparison entries print
    /// their columns in sequence under their headings.
    func bodyHTML(_ index: Int, anchors: [Int: String], numbered: Bool) -> String {
        let entry = booklet.entries[index]
        let links = PageLinks(depth: 0, anchors: anchors, headingPrefix: anchor(of: index) + "--")
        return HTMLBodyRenderer.render(
            markdown: entry.source.body, lineOffset: entry.source.bodyLineOffset,
            options: site.bodyOptions(for: index, links: links, headingShift: numbered ? 2 : 1)
        ).main
    }

    /// One entry on a one-page output: anchor, number, title, body with prefixed heading ids.
    private func entryContext(_ index: Int, anchors: [Int: String], numbered: Bool, body: String) -> [String: Any] {
        let entry = booklet.entries[index]
        let anchor = anchor(of: index)
        let links = PageLinks(depth: 0, anchors: anchors, headingPrefix: anchor + "--")
        return [
            "anchor": anchor,
            "number": numbered ? [entry.number] : [],
            "title": entry.title,
            "body_html": body,
            "source": numbered ? PageContext.optional(entry.source.source) : [],
            "taxonomies": numbered ? site.contexts.taxonomies(of: entry, links: links) : [],
            "url": links.entryHref(index, in: booklet),
        ]
    }

    /// `booklet.txt`.
    func bookletText() async -> SiteRenderer.Page {
        var text = TextContext(booklet: booklet)
        let references = TextReferences(booklet: booklet, included: nil)
        let renderer = text
        text.bodies = await Array(booklet.entries.indices).concurrentMap { renderer.body($0, references: references) }
        var page = site.page("booklet.txt", template: "text/booklet", context: text.bookletContext())
        page.text = TextContext.finish(page.text)
        return page
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
