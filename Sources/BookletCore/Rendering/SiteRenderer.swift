/// What every output renders with: the linked booklet, the templates, and the pieces of
/// HTML pages share (snippets, term mentions, page contexts).
///
/// Rendering the site is running `Outputs.all` in order. Pages render in parallel; each
/// entry's body is parsed again with cmark (cheap) rather than every tree being kept alive,
/// which bounds memory on large corpora.
public struct SiteRenderer: Sendable {
    let booklet: LinkedBooklet
    let templates: TemplateSet
    let snippets: SnippetHTML
    let mentions: TermMentions?

    /// Prepares rendering of `booklet` with `templates`.
    public init(booklet: LinkedBooklet, templates: TemplateSet) {
        self.booklet = booklet
        self.templates = templates
        snippets = SnippetHTML(booklet: booklet, snippetLinks: booklet.snippetLinks, depths: [0, 1])
        mentions = booklet.config.linkTermMentions ? TermMentions(vocabularies: booklet.vocabularies) : nil
    }

    /// Renders every output, handing files to `emit` (which writes them) in order; returns
    /// the templates' warnings (names a page does not provide) and errors (endless
    /// recursion). Stops at the first error `emit` throws. `finished` is told the name of
    /// each output when it is done, for `--timings`.
    public func render<Failure: Error>(
        emit: ([OutputFile]) throws(Failure) -> Void, finished: (String) -> Void = { _ in }
    ) async throws(Failure) -> [Diagnostic] {
        var report = TemplateReport()
        for output in Outputs.all {
            report.merge(try await output.render(self, emit: emit))
            finished(output.name)
        }
        return report.diagnostics
    }

    /// One rendered page, and what its template lacked.
    struct Page: Sendable {
        var path: String
        var text: String
        var report: TemplateReport
    }

    func page(_ path: String, template: String, context: TemplateObject) -> Page {
        let (text, report) = templates.render(template, context)
        return Page(path: path, text: text, report: report)
    }

    var contexts: PageContext { PageContext(booklet: booklet, snippets: snippets) }

    /// Options for rendering entry `index`'s body on a page with `links`.
    func bodyOptions(for index: Int, links: PageLinks, headingShift: Int = 0, columns: [String] = [])
        -> HTMLBodyRenderer.Options
    {
        HTMLBodyRenderer.Options(
            links: links, resolved: booklet.entries[index].links, booklet: booklet,
            headingShift: headingShift, mentions: mentions, columns: columns)
    }
}
