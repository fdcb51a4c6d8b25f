/// One way the booklet is published: some files of the site, rendered from the linked
/// booklet through the templates. Rendering the site is running the list `Outputs.all`.
///
/// Adding a format is one new type conforming to this, and one line in that list: the
/// templates a build requires and the names no id may take follow from the list.
protocol Output: Sendable {
    /// The output's name, for `--timings` (`entry pages`, `print.html`).
    var name: String { get }
    /// The templates it renders (`html/entry`); every build needs each of them.
    var templates: [String] { get }
    /// The names it writes at the top of the site (`print` for `print.html`), which no
    /// section, vocabulary or handout id may take.
    var reservedNames: [String] { get }
    /// Renders its files, handing them to `emit` in order; returns what its templates lacked.
    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
}

/// Every output of a build, in the order they are written.
enum Outputs {
    static let all: [any Output] = [
        CoverOutput(),
        SectionPages(),
        VocabularyPages(),
        SearchOutput(),
        EntryPages(),
        PrintPage(),
        TextBooklet(),
        Handouts(),
        RedirectPages(),
        Assets(),
    ]

    /// The templates every build needs.
    static var requiredTemplates: [String] { all.flatMap(\.templates) }

    /// Top-level names of the site that Booklet's own files take.
    static var reservedNames: Set<String> { Set(all.flatMap(\.reservedNames)) }
}

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
