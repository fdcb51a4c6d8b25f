/// `<section>/index.html`: each section's entries, or its comparison table.
struct SectionPages: Output {
    var name: String { "section pages" }
    var templates: [String] { ["html/section"] }
    var reservedNames: [String] { [] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        try await site.renderPages(count: site.booklet.sections.count, { site.sectionPage($0) }, emit: emit)
    }
}

extension SiteRenderer {
    func sectionPage(_ index: Int) -> Page {
        let section = booklet.sections[index]
        let links = PageLinks(depth: 1)
        var context = contexts.common(
            links: links, pageTitle: section.section.title, description: section.section.summary,
            currentSection: index, page: "section",
            breadcrumbs: [contexts.homeCrumb(links)])
        let columns = section.section.compare
        context["section"] = .object(
            [
                "number": .number(section.number),
                "title": .text(section.section.title),
                "summary_html": .text(snippets.html(section.section.summary, depth: 1)),
                "is_comparison": .bool(section.section.isComparison),
                "columns": .objects(columns.map { ["title": .text($0)] }),
            ] as TemplateObject)
        context["entries"] = .objects(
            section.entries.map { entryIndex in
                var item = contexts.entryLink(entryIndex, links: links)
                if section.section.isComparison {
                    let entry = booklet.entries[entryIndex]
                    let output = HTMLBodyRenderer.render(
                        entry.body, options: bodyOptions(for: entryIndex, links: links, columns: columns))
                    item["intro_html"] = .text(output.main)
                    item["cells"] = output.cells(columns)
                } else {
                    item["intro_html"] = ""
                    item["cells"] = []
                }
                return item
            })
        return page(PageLinks(depth: 0).sectionHref(section), template: "html/section", context: context)
    }
}
