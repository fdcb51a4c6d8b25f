/// `booklet.txt`: the whole booklet as plain text, for e-mail; entries are laid out on all
/// cores and the file is written part by part.
struct TextBooklet: Output {
    var name: String { "booklet.txt" }
    var templates: [String] { ["text/booklet"] }
    var reservedNames: [String] { ["booklet"] }
    var onRequest: [String] { ["booklet.txt"] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        try site.stream(
            "booklet.txt", template: "text/booklet", OnePageRenderer(site: site).textContext(), finishing: true,
            emit: emit)
    }
}
