/// `index.html`: the cover, with the contents of the booklet.
struct CoverOutput: Output {
    var name: String { "cover" }
    var templates: [String] { ["html/layout", "html/cover"] }
    var reservedNames: [String] { ["index"] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        try await site.renderPages(count: 1, { _ in site.cover() }, emit: emit)
    }
}

extension SiteRenderer {
    func cover() -> Page {
        let links = PageLinks(depth: 0)
        var context = contexts.common(
            links: links, pageTitle: booklet.config.title, description: booklet.config.subtitle, page: "cover")
        context["contents"] = .objects(
            booklet.sections.map { section in
                [
                    "number": .number(section.number),
                    "title": .text(section.section.title),
                    "url": .text(links.sectionHref(section)),
                    "summary_html": .text(snippets.html(section.section.summary, depth: 0)),
                    "entries": contexts.entryLinks(section.entries, links: links),
                ]
            })
        context["vocabularies"] = .objects(
            booklet.vocabularies.map { linked in
                [
                    "title": .text(linked.vocabulary.title),
                    "url": .text(links.vocabularyHref(linked)),
                    "count": .number(linked.vocabulary.terms.count),
                ]
            })
        context["entry_count"] = .number(booklet.entries.count)
        return page("index.html", template: "html/cover", context: context)
    }
}
