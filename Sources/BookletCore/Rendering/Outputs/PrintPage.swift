/// `print.html`: the whole booklet on one page, numbered, with contents; each entry's body
/// renders on all cores and the file is written part by part.
struct PrintPage: Output {
    var name: String { "print.html" }
    var templates: [String] { ["html/print"] }
    var reservedNames: [String] { ["print"] }
    var onRequest: [String] { ["print.html"] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        try site.stream(
            "print.html", template: "html/print", OnePageRenderer(site: site).printContext(), finishing: false,
            emit: emit)
    }
}
