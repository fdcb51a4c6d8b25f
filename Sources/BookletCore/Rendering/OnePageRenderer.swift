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
    /// each section's `entries` a sequence whose bodies render on all cores when used.
    func printContext() -> TemplateObject {
        let anchors = anchors
        let links = PageLinks(depth: 0, anchors: anchors)
        let renderer = self
        var context = site.contexts.common(
            links: links, pageTitle: "The whole booklet", description: booklet.config.subtitle, page: "print",
            breadcrumbs: [site.contexts.homeCrumb(links)])
        context["sections"] = .objects(
            booklet.sections.map { section in
                let entries = section.entries
                return [
                    "number": .number(section.number),
                    "title": .text(section.section.title),
                    "anchor": .text(section.section.id),
                    "summary_html": .text(site.snippets.html(section.section.summary, depth: 0)),
                    "entries": .sequence(
                        TemplateSequence(count: entries.count) {
                            .object(OnePageEntry(renderer: renderer, index: entries[$0], anchors: anchors, numbered: true))
                        }),
                ]
            })
        return context
    }

    /// `<handout>.html`: the handout's title, memo and entries, printable on letter and A4.
    func handoutPage(_ handoutIndex: Int) -> SiteRenderer.Page {
        let renderer = self
        let linked = booklet.handouts[handoutIndex]
        let anchors = Dictionary(linked.entries.map { ($0, anchor(of: $0)) }, uniquingKeysWith: { first, _ in first })
        let links = PageLinks(depth: 0, anchors: anchors)
        var context = site.contexts.common(
            links: links, pageTitle: linked.handout.title, description: nil, page: "handout",
            breadcrumbs: [site.contexts.homeCrumb(links)])
        // The memo's links to entries of this handout stay on the page, like the entries' own.
        let memo: String =
            linked.handout.memo.map {
                HTMLBodyRenderer.render(booklet.snippet($0), options: HTMLBodyRenderer.Options(links: links, booklet: booklet))
                    .main
            } ?? ""
        context["handout"] = .object(
            [
                "title": .text(linked.handout.title),
                "memo_html": memo.isEmpty ? [] : [.text(memo)],
                "entries": .list(
                    linked.entries.map {
                        .object(OnePageEntry(renderer: renderer, index: $0, anchors: anchors, numbered: false))
                    }),
            ] as TemplateObject)
        return site.page(linked.handout.id + ".html", template: "html/handout", context: context)
    }

    /// The options of entry `index`'s body on a one-page output whose entries have `anchors`
    /// (`numbered` on `print.html`, not on handouts).
    func bodyOptions(_ index: Int, anchors: [Int: String], numbered: Bool) -> HTMLBodyRenderer.Options {
        site.bodyOptions(for: index, links: links(of: index, anchors: anchors), headingShift: numbered ? 2 : 1)
    }

    /// Links as seen from entry `index` on a one-page output whose entries have `anchors`:
    /// its heading ids are prefixed with its anchor.
    func links(of index: Int, anchors: [Int: String]) -> PageLinks {
        PageLinks(depth: 0, anchors: anchors, headingPrefix: (anchors[index] ?? anchor(of: index)) + "--")
    }

    /// `booklet.txt`: each section's `entries` a sequence laid out on all cores when used.
    func textContext() -> TemplateObject {
        let text = TextContext(booklet: booklet)
        let references = TextReferences(booklet: booklet, included: nil)
        return text.bookletContext { entries in
            .sequence(
                TemplateSequence(count: entries.count) {
                    .object(text.entry(entries[$0], references: references, numbered: true))
                })
        }
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

/// One entry on a one-page output: anchor, number, title, source, and its body with heading ids
/// prefixed with its anchor and cross-references to entries on the page as fragments.
/// Comparison entries print their columns in sequence under their headings. The body is
/// rendered when a template uses `body_html`, so the contents list costs nothing.
struct OnePageEntry: TemplateContext {
    let renderer: OnePageRenderer
    let index: Int
    let anchors: [Int: String]
    /// True on `print.html` (numbers, sources and terms); false on handouts.
    let numbered: Bool

    func value(named name: String) -> TemplateValue? {
        let booklet = renderer.site.booklet
        let entry = booklet.entries[index]
        switch name {
        case "anchor": return .text(anchors[index] ?? renderer.anchor(of: index))
        case "number": return numbered ? [.text(entry.number)] : []
        case "title": return .text(entry.title)
        case "body_html":
            let options = renderer.bodyOptions(index, anchors: anchors, numbered: numbered)
            return .text(HTMLBodyRenderer.render(entry.body, options: options).main)
        // Handouts credit their entries as print.html does: the source is always given.
        case "source": return .optional(entry.source.source)
        case "taxonomies":
            guard numbered else { return [] }
            return renderer.site.contexts.taxonomies(of: entry, links: renderer.links(of: index, anchors: anchors))
        case "url":
            return .text(renderer.links(of: index, anchors: anchors).entryHref(index, in: booklet))
        default: return nil
        }
    }
}
