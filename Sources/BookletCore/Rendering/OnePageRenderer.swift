import Foundation

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

    /// The handouts, HTML and text, in order.
    func handouts() -> [SiteRenderer.Page] {
        booklet.handouts.indices.flatMap { [handoutPage($0), handoutText($0)] }
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
        // One closure and one lock for all items, not one each.
        let heavy: @Sendable (Int, ParsedBody?) -> [String: Any] = {
            renderer.entryContext($0, anchors: anchors, numbered: true, parsed: $1)
        }
        let lock = NSLock()
        let items = booklet.entries.indices.map { index in
            // The contents list needs only these; the rest is built when the entry renders.
            SlotItem(
                index: index,
                light: [
                    "anchor": anchor(of: index), "number": [booklet.entries[index].number],
                    "title": booklet.entries[index].title,
                ],
                heavy: heavy, lock: lock)
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

    /// The options of entry `index`'s body on a one-page output whose entries have `anchors`
    /// (`numbered` on `print.html`, not on handouts).
    func bodyOptions(_ index: Int, anchors: [Int: String], numbered: Bool) -> HTMLBodyRenderer.Options {
        let anchor = anchors[index] ?? anchor(of: index)
        let links = PageLinks(depth: 0, anchors: anchors, headingPrefix: anchor + "--")
        return site.bodyOptions(for: index, links: links, headingShift: numbered ? 2 : 1)
    }

    /// The options of each entry's body on `print.html`, for rendering it in its page's walk.
    func printBodyOptions() -> @Sendable (Int) -> HTMLBodyRenderer.Options {
        let anchors = anchors
        let renderer = self
        return { renderer.bodyOptions($0, anchors: anchors, numbered: true) }
    }

    /// One entry on a one-page output: anchor, number, title, source, and its body with heading ids
    /// prefixed with its anchor and cross-references to entries on the page as fragments.
    /// Comparison entries print their columns in sequence under their headings. `parsed` is
    /// the entry's body already parsed (and rendered for `print.html`), if at hand.
    private func entryContext(_ index: Int, anchors: [Int: String], numbered: Bool, parsed: ParsedBody? = nil)
        -> [String: Any]
    {
        let entry = booklet.entries[index]
        let options = bodyOptions(index, anchors: anchors, numbered: numbered)
        let links = options.links
        let anchor = anchors[index] ?? anchor(of: index)
        let body =
            parsed?.printHTML
            ?? parsed.map { HTMLBodyRenderer.render(document: $0.document, options: options) }
            ?? HTMLBodyRenderer.render(
                markdown: entry.source.body, lineOffset: entry.source.bodyLineOffset, options: options)
        return [
            "anchor": anchor,
            "number": numbered ? [entry.number] : [],
            "title": entry.title,
            "body_html": body.main,
            // Handouts credit their entries as print.html does: the source is always given.
            "source": PageContext.optional(entry.source.source),
            "taxonomies": numbered ? site.contexts.taxonomies(of: entry, links: links) : [],
            "url": links.entryHref(index, in: booklet),
        ]
    }

    /// `booklet.txt`, each entry rendered by the partial `entry` in slot `entry index`.
    func textStream() -> OnePageStream {
        let text = TextContext(booklet: booklet)
        let references = TextReferences(booklet: booklet, included: nil)
        // The heading is laid out when the entry renders: the skeleton does not need it, and
        // keeping every entry's until then would cost memory on large booklets.
        let heavy: @Sendable (Int, ParsedBody?) -> [String: Any] = {
            text.entry($0, references: references, numbered: true, document: $1?.document)
        }
        let lock = NSLock()
        let items = booklet.entries.indices.map { index in
            SlotItem(
                index: index, light: ["number": booklet.entries[index].number, "title": booklet.entries[index].title],
                heavy: heavy, lock: lock)
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
