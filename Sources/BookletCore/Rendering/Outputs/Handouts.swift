/// `<handout>.html` (to print) and `<handout>.txt` (to e-mail) for each handout of `booklet.yml`.
struct Handouts: Output {
    var name: String { "handouts" }
    var templates: [String] { ["html/handout", "text/handout"] }
    var reservedNames: [String] { [] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        let onePage = OnePageRenderer(site: site)
        return try await site.renderPages(
            count: site.booklet.handouts.count * 2,
            { $0 % 2 == 0 ? onePage.handoutPage($0 / 2) : onePage.handoutText($0 / 2) }, emit: emit)
    }
}
