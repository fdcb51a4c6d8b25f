/// `<section>/<entry>.html`: one page per entry.
struct EntryPages: Output {
    var name: String { "entry pages" }
    var templates: [String] { ["html/entry"] }
    var reservedNames: [String] { [] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        try await site.renderPages(count: site.booklet.entries.count, { site.entryPage($0) }, emit: emit)
    }
}

extension SiteRenderer {
    func entryPage(_ index: Int) -> Page {
        let entry = booklet.entries[index]
        let section = booklet.sections[entry.section]
        let links = PageLinks(depth: 1)
        var context = contexts.common(
            links: links, pageTitle: entry.title, description: entry.source.summary, currentSection: entry.section,
            page: "entry",
            breadcrumbs: [
                contexts.homeCrumb(links),
                [
                    "title": .text("\(section.number). \(section.section.title)"),
                    "url": .text(links.sectionHref(section)),
                ],
            ])
        let body = HTMLBodyRenderer.render(entry.body, options: bodyOptions(for: index, links: links))
        context["entry"] = .object(
            [
                "number": .text(entry.number),
                "title": .text(entry.title),
                "summary": .optional(entry.source.summary),
                "source": .optional(entry.source.source),
                "body_html": .text(body.main),
                "section_title": .text(section.section.title),
                "section_number": .number(section.number),
                "section_url": .text(links.sectionHref(section)),
                "taxonomies": contexts.taxonomies(of: entry, links: links),
                "backlinks": contexts.entryLinks(entry.backlinks, links: links),
                "related": contexts.entryLinks(entry.related, links: links),
                "previous": contexts.entryLinks(booklet.previous(index).map { [$0] } ?? [], links: links),
                "next": contexts.entryLinks(booklet.next(index).map { [$0] } ?? [], links: links),
                "attachments": .objects(PageFiles.attachments(of: entry, links: links, in: booklet)),
            ] as TemplateObject)
        return page(PageLinks(depth: 0).entryHref(index, in: booklet), template: "html/entry", context: context)
    }
}
