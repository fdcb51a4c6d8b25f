/// `<old-section>/<old-name>.html` for each alias of an entry (`aliases:`): a small page
/// that sends the reader on to the entry's page, so bookmarks and printed addresses of a
/// renamed or moved entry keep working, from `file://` too (a relative meta refresh and
/// a link).
struct RedirectPages: Output {
    var name: String { "redirect pages" }
    var templates: [String] { ["html/redirect"] }
    var reservedNames: [String] { [] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        // Sorted, so the pages are written in the same order at every build.
        let aliases = site.booklet.aliasIndex.sorted { $0.key < $1.key }
        return try await site.renderPages(
            count: aliases.count, { site.redirectPage(from: aliases[$0].key, to: aliases[$0].value) }, emit: emit)
    }
}

extension SiteRenderer {
    func redirectPage(from alias: String, to index: Int) -> Page {
        // An alias is `<section>/<name>`: its page is one folder down.
        let links = PageLinks(depth: 1)
        var context = contexts.common(
            links: links, pageTitle: "This page has moved", description: nil, page: "redirect",
            breadcrumbs: [contexts.homeCrumb(links)])
        context["redirect"] = .object(
            [
                "old_id": .text(alias),
                "entry": .object(contexts.entryLink(index, links: links)),
            ] as TemplateObject)
        return page(alias + ".html", template: "html/redirect", context: context)
    }
}
