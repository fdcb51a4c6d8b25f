/// Renders the linked booklet into the files of the HTML site through the templates.
///
/// Pages are rendered in parallel. Each entry's body is parsed again with cmark (cheap)
/// rather than every tree being kept alive, which bounds memory on large corpora.
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

    /// Pages rendered per task and handed to `emit` together; a few tasks per core are in
    /// flight, so a large site is never held in memory whole.
    static let chunkSize = 16

    /// Renders the site, handing files to `emit` (which writes them) in order; returns the
    /// templates' warnings (names a page does not provide) and errors (endless recursion).
    /// Stops at the first error `emit` throws. `finished` is told when each part of the
    /// work is done (`pages`, `print.html`, `booklet.txt`, `handouts`, `search index`), for
    /// `--timings`.
    ///
    /// `print.html` and `booklet.txt` hold every entry: their entries render on all cores
    /// and are written part by part as they finish (see `TemplateValue.sequence`).
    public func render<Failure: Error>(
        emit: ([OutputFile]) throws(Failure) -> Void, finished: (String) -> Void = { _ in }
    ) async throws(Failure) -> [Diagnostic] {
        let renderer = self
        // Pages listing many entries (cover, sections, vocabularies, terms) come first, so
        // none of them is left running alone at the end.
        var jobs: [PageJob] = [.cover]
        jobs += booklet.sections.indices.map { .section($0) }
        for v in booklet.vocabularies.indices {
            jobs.append(.vocabulary(v))
            jobs += booklet.vocabularies[v].vocabulary.terms.indices.map { .term(vocabulary: v, term: $0) }
        }
        jobs.append(.search)
        jobs += booklet.entries.indices.map { .entry($0) }

        var report = TemplateReport()
        try await jobs.concurrentForEachChunk(chunkSize: Self.chunkSize) {
            renderer.page(for: $0)
        } consume: { (pages) throws(Failure) in
            for page in pages { report.merge(page.report) }
            try emit(pages.map { OutputFile(path: $0.path, text: $0.text) })
        }
        finished("pages")
        let onePage = OnePageRenderer(site: self)
        try stream("print.html", template: "html/print", onePage.printContext(), finishing: false, report: &report, emit: emit)
        finished("print.html")
        try stream("booklet.txt", template: "text/booklet", onePage.textContext(), finishing: true, report: &report, emit: emit)
        finished("booklet.txt")
        let handouts = onePage.handouts()
        for page in handouts { report.merge(page.report) }
        try emit(handouts.map { OutputFile(path: $0.path, text: $0.text) })
        finished("handouts")
        var index = FileParts(path: "search-index.js")
        try await SearchIndex(booklet: booklet).write { (part) throws(Failure) in try emit([index.next(part)]) }
        try emit(templates.assets.map { OutputFile(path: "assets/" + $0.path, bytes: $0.bytes) })
        finished("search index")
        return report.diagnostics
    }

    /// Renders `template` into the file `path` part by part as its sequences finish;
    /// `finishing` tidies plain text as `TextFinisher` does.
    private func stream<Failure: Error>(
        _ path: String, template: String, _ context: TemplateObject, finishing: Bool, report: inout TemplateReport,
        emit: ([OutputFile]) throws(Failure) -> Void
    ) throws(Failure) {
        var parts = FileParts(path: path)
        var finisher = finishing ? TextFinisher() : nil
        var failure: Failure?
        let rendered: TemplateReport
        do {
            rendered = try withoutActuallyEscaping(emit) { emit in
                try templates.render(template, context) { bytes in
                    defer { bytes.removeAll(keepingCapacity: true) }
                    let part: OutputFile
                    if finisher != nil {
                        part = parts.next(finisher?.feed(String(decoding: bytes, as: UTF8.self)) ?? "")
                    } else {
                        part = parts.next(bytes)
                    }
                    do throws(Failure) { try emit([part]) } catch {
                        failure = error
                        throw error
                    }
                }
            }
        } catch {
            // Only `emit` throws here, and its error was kept.
            if let failure { throw failure }
            return
        }
        report.merge(rendered)
        if let end = finisher?.end() { try emit([parts.next(end)]) }
    }

    /// A page to render; every page is independent of the others, so all render in parallel.
    enum PageJob: Sendable {
        case cover, search
        case section(Int)
        case entry(Int)
        case vocabulary(Int)
        case term(vocabulary: Int, term: Int)
    }

    func page(for job: PageJob) -> Page {
        switch job {
        case .cover: return cover()
        case .search: return searchPage()
        case .section(let index): return sectionPage(index)
        case .entry(let index): return entryPage(index)
        case .vocabulary(let index): return vocabularyPage(index)
        case .term(let vocabulary, let term): return termPage(vocabulary: vocabulary, term: term)
        }
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

    func cover() -> Page {
        let links = PageLinks(depth: 0)
        var context = contexts.common(
            links: links, pageTitle: booklet.config.title, description: booklet.config.subtitle, page: "cover")
        context["contents"] = .objects(
            booklet.sections.map { section in
                [
                    "number": .number(section.number),
                    "title": .text(section.section.title),
                    "url": .text(links.sectionHref(section)),
                    "summary_html": .text(snippets.html(section.section.summary, depth: 0)),
                    "entries": contexts.entryLinks(section.entries, links: links),
                ]
            })
        context["vocabularies"] = .objects(
            booklet.vocabularies.map { linked in
                [
                    "title": .text(linked.vocabulary.title),
                    "url": .text(links.vocabularyHref(linked)),
                    "count": .number(linked.vocabulary.terms.count),
                ]
            })
        context["entry_count"] = .number(booklet.entries.count)
        return page("index.html", template: "html/cover", context: context)
    }

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
                        markdown: entry.source.body, lineOffset: entry.source.bodyLineOffset,
                        options: bodyOptions(for: entryIndex, links: links, columns: columns))
                    item["intro_html"] = .text(output.main)
                    item["cells"] = .objects(zip(columns, output.columns).map { ["column": .text($0), "html": .text($1)] })
                } else {
                    item["intro_html"] = ""
                    item["cells"] = []
                }
                return item
            })
        return page(PageLinks(depth: 0).sectionHref(section), template: "html/section", context: context)
    }

    /// Options for rendering entry `index`'s body on a page with `links`.
    func bodyOptions(for index: Int, links: PageLinks, headingShift: Int = 0, columns: [String] = [])
        -> HTMLBodyRenderer.Options
    {
        HTMLBodyRenderer.Options(
            links: links, resolved: booklet.entries[index].links, booklet: booklet,
            headingShift: headingShift, mentions: mentions, columns: columns)
    }

    func entryPage(_ index: Int) -> Page {
        let entry = booklet.entries[index]
        let section = booklet.sections[entry.section]
        let links = PageLinks(depth: 1)
        var context = contexts.common(
            links: links, pageTitle: entry.title, description: entry.source.summary, currentSection: entry.section,
            page: "entry",
            breadcrumbs: [
                contexts.homeCrumb(links),
                [
                    "title": .text("\(section.number). \(section.section.title)"),
                    "url": .text(links.sectionHref(section)),
                ],
            ])
        let body = HTMLBodyRenderer.render(
            markdown: entry.source.body, lineOffset: entry.source.bodyLineOffset,
            options: bodyOptions(for: index, links: links))
        context["entry"] = .object(
            [
                "number": .text(entry.number),
                "title": .text(entry.title),
                "summary": .optional(entry.source.summary),
                "source": .optional(entry.source.source),
                "body_html": .text(body.main),
                "section_title": .text(section.section.title),
                "section_number": .number(section.number),
                "section_url": .text(links.sectionHref(section)),
                "taxonomies": contexts.taxonomies(of: entry, links: links),
                "backlinks": contexts.entryLinks(entry.backlinks, links: links),
                "related": contexts.entryLinks(entry.related, links: links),
                "previous": contexts.entryLinks(booklet.previous(index).map { [$0] } ?? [], links: links),
                "next": contexts.entryLinks(booklet.next(index).map { [$0] } ?? [], links: links),
            ] as TemplateObject)
        return page(PageLinks(depth: 0).entryHref(index, in: booklet), template: "html/entry", context: context)
    }

    func vocabularyPage(_ v: Int) -> Page {
        let linked = booklet.vocabularies[v]
        let links = PageLinks(depth: 1)
        var context = contexts.common(
            links: links, pageTitle: linked.vocabulary.title, description: nil, currentVocabulary: v,
            page: "vocabulary",
            breadcrumbs: [contexts.homeCrumb(links)])
        let sorted = linked.vocabulary.terms.indices.sorted {
            AlphabeticalOrder.precedes(linked.vocabulary.terms[$0].title, linked.vocabulary.terms[$1].title)
        }
        var groups: [(letter: String, terms: [TemplateObject])] = []
        for t in sorted {
            let term = linked.vocabulary.terms[t]
            let letter = AlphabeticalOrder.initial(of: term.title)
            let item: TemplateObject = [
                "title": .text(term.title),
                "url": .text(links.termHref(vocabulary: v, term: t, in: booklet)),
                "definition_html": .text(snippets.html(term.definition, depth: 1)),
                "count": .number(linked.entriesByTerm[t].count),
            ]
            if groups.last?.letter == letter {
                groups[groups.count - 1].terms.append(item)
            } else {
                groups.append((letter, [item]))
            }
        }
        context["vocabulary"] = .object(
            [
                "title": .text(linked.vocabulary.title),
                "key": .text(linked.vocabulary.key),
                "term_count": .number(linked.vocabulary.terms.count),
                "letters": .objects(
                    groups.enumerated().map {
                        ["letter": .text($1.letter), "anchor": .text("letter-\($0 + 1)"), "terms": .objects($1.terms)]
                    }),
            ] as TemplateObject)
        return page(PageLinks(depth: 0).vocabularyHref(linked), template: "html/vocabulary", context: context)
    }

    func termPage(vocabulary v: Int, term t: Int) -> Page {
        let linked = booklet.vocabularies[v]
        let term = linked.vocabulary.terms[t]
        let links = PageLinks(depth: 1)
        var context = contexts.common(
            links: links, pageTitle: term.title, description: nil, currentVocabulary: v, page: "term",
            breadcrumbs: [
                contexts.homeCrumb(links),
                ["title": .text(linked.vocabulary.title), "url": .text(links.vocabularyHref(linked))],
            ])
        var groups: [(section: Int, entries: [Int])] = []
        for index in linked.entriesByTerm[t] {
            let section = booklet.entries[index].section
            if groups.last?.section == section {
                groups[groups.count - 1].entries.append(index)
            } else {
                groups.append((section, [index]))
            }
        }
        context["term"] = .object(
            [
                "title": .text(term.title),
                "vocabulary_title": .text(linked.vocabulary.title),
                "vocabulary_url": .text(links.vocabularyHref(linked)),
                "definition_html": .text(snippets.html(term.definition, depth: 1)),
                "aliases": .texts(term.aliases),
                "see_also": .objects(
                    linked.seeAlso[t].map {
                        [
                            "title": .text(linked.vocabulary.terms[$0].title),
                            "url": .text(links.termHref(vocabulary: v, term: $0, in: booklet)),
                        ]
                    }),
                "count": .number(linked.entriesByTerm[t].count),
                "groups": .objects(
                    groups.map { group in
                        let section = booklet.sections[group.section]
                        return [
                            "section_title": .text(section.section.title),
                            "section_number": .number(section.number),
                            "section_url": .text(links.sectionHref(section)),
                            "entries": contexts.entryLinks(group.entries, links: links),
                        ]
                    }),
            ] as TemplateObject)
        return page(
            PageLinks(depth: 0).termHref(vocabulary: v, term: t, in: booklet), template: "html/term", context: context)
    }

    func searchPage() -> Page {
        let links = PageLinks(depth: 0)
        let context = contexts.common(
            links: links, pageTitle: "Search", description: nil, page: "search",
            breadcrumbs: [contexts.homeCrumb(links)])
        return page("search.html", template: "html/search", context: context)
    }
}
