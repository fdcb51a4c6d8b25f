/// `search.html` and the index it searches, `search-index.js` (a script, so that search
/// works from `file://`).
struct SearchOutput: Output {
    var name: String { "search" }
    var templates: [String] { ["html/search"] }
    var reservedNames: [String] { ["search", "search-index"] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        let report = try await site.renderPages(count: 1, { _ in site.searchPage() }, emit: emit)
        var index = FileParts(path: "search-index.js")
        try await SearchIndex(booklet: site.booklet).write { (part) throws(Failure) in try emit([index.next(part)]) }
        return report
    }
}

extension SiteRenderer {
    func searchPage() -> Page {
        let links = PageLinks(depth: 0)
        let context = contexts.common(
            links: links, pageTitle: "Search", description: nil, page: "search",
            breadcrumbs: [contexts.homeCrumb(links)])
        return page("search.html", template: "html/search", context: context)
    }
}
