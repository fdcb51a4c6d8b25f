/// What every output renders with: the linked booklet, the templates, and the pieces of
/// HTML pages share (snippets, term mentions, page contexts).
///
/// Rendering the site is running `Outputs.all` in order. Pages render in parallel, each
/// walking the bodies the parse stage parsed; nothing is parsed again.
public struct SiteRenderer: Sendable {
    let booklet: LinkedBooklet
    let templates: TemplateSet
    let snippets: SnippetHTML
    let mentions: TermMentions?

    /// Prepares rendering of `booklet` with `templates`.
    public init(booklet: LinkedBooklet, templates: TemplateSet) {
        self.booklet = booklet
        self.templates = templates
        snippets = SnippetHTML(booklet: booklet, depths: [0, 1])
        mentions = booklet.config.linkTermMentions ? TermMentions(vocabularies: booklet.vocabularies) : nil
    }

    /// Renders every output (or those not rendered `onRequest`, when `deferring`), handing
    /// files to `emit` (which writes them) in order; returns the templates' warnings (names
    /// a page does not provide) and errors (endless recursion). Stops at the first error
    /// `emit` throws. `finished` is told the name of each output when it is done, for
    /// `--timings`.
    public func render<Failure: Error>(
        deferring: Bool = false, emit: ([OutputFile]) throws(Failure) -> Void, finished: (String) -> Void = { _ in }
    ) async throws(Failure) -> [Diagnostic] {
        var report = TemplateReport()
        for output in Outputs.all where !(deferring && !output.onRequest.isEmpty) {
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
            links: links, booklet: booklet, headingShift: headingShift, mentions: mentions, columns: columns)
    }
}

/// The two ways outputs render: many independent pages, or one page streamed in parts.
extension SiteRenderer {
    /// Pages rendered per task and handed to `emit` together; a few tasks per core are in
    /// flight, so a large site is never held in memory whole.
    static let chunkSize = 16

    /// Renders `count` independent pages on all cores, handing them to `emit` in order.
    func renderPages<Failure: Error>(
        count: Int, _ page: @escaping @Sendable (Int) -> Page, emit: ([OutputFile]) throws(Failure) -> Void
    ) async throws(Failure) -> TemplateReport {
        var report = TemplateReport()
        try await Array(0..<count).concurrentForEachChunk(chunkSize: Self.chunkSize, page) {
            (pages) throws(Failure) in
            for page in pages { report.merge(page.report) }
            try emit(pages.map { OutputFile(path: $0.path, text: $0.text) })
        }
        return report
    }

    /// Renders `template` into the file `path` part by part as its sequences finish;
    /// `finishing` tidies plain text as `TextFinisher` does.
    func stream<Failure: Error>(
        _ path: String, template: String, _ context: TemplateObject, finishing: Bool,
        emit: ([OutputFile]) throws(Failure) -> Void
    ) throws(Failure) -> TemplateReport {
        var parts = FileParts(path: path)
        var finisher = finishing ? TextFinisher() : nil
        var failure: Failure?
        let report: TemplateReport
        do {
            report = try withoutActuallyEscaping(emit) { emit in
                try templates.render(template, context) { bytes in
                    defer { bytes.removeAll(keepingCapacity: true) }
                    let part = parts.next(finisher?.feed(bytes) ?? bytes)
                    do throws(Failure) { try emit([part]) } catch {
                        failure = error
                        throw error
                    }
                }
            }
        } catch {
            // Only `emit` throws here, and its error was kept.
            if let failure { throw failure }
            return TemplateReport()
        }
        if let end = finisher?.end() { try emit([parts.next(end)]) }
        return report
    }
}
