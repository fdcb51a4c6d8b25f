/// `assets/`: the files of `templates/assets/` (CSS, scripts), copied as they are.
struct Assets: Output {
    var name: String { "assets" }
    var templates: [String] { [] }
    var reservedNames: [String] { ["assets"] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        try emit(site.templates.assets.map { OutputFile(path: "assets/" + $0.path, bytes: $0.bytes) })
        return TemplateReport()
    }
}
