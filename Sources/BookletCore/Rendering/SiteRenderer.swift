/// Renders the linked booklet into the files of the HTML site through the templates.
///
/// Pages are rendered in parallel. Each entry's body is parsed again with cmark (cheap)
/// rather than every tree being kept alive, which bounds memory on large corpora; one parse
/// serves the entry's page and its parts of `print.html` and `booklet.txt`.
public struct SiteRenderer: Sendable {
    let booklet: LinkedBooklet
    let templates: TemplateSet
    let snippets: SnippetHTML
    let mentions: TermMentions?
    /// Whether entries' parts of `print.html` and `booklet.txt` may render with their pages;
    /// tests turn it off to compare with rendering them afterwards.
    var onePageAlongPages = true

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

    /// Renders the site chunk by chunk, handing each chunk of files to `emit` (which writes
    /// them) in order; returns warnings about template keys that do not exist. Stops at the first
    /// error `emit` throws. `finished` is told when each part of the work is done (`pages`,
    /// `print.html`, `booklet.txt`, `handouts`, `search index`), for `--timings`.
    ///
    /// `print.html` and `booklet.txt` hold every entry (see `OnePageStream`). When their
    /// templates use the per-entry partial once per entry in reading order, as the shipped
    /// ones do, each entry's part renders in the same task as its page, from the same parse,
    /// and both files fill up while pages are written; otherwise each renders afterwards.
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

        let onePage = OnePageRenderer(site: self)
        let entries = onePageAlongPages ? booklet.entries.count : nil
        let print = OnePageOutput(
            onePage.printStream().prepare(), path: "print.html", entries: entries,
            bodyOptions: onePage.printBodyOptions())
        let text = OnePageOutput(onePage.textStream().prepare(), path: "booklet.txt", entries: entries)
        var printFile = print.file()
        var textFile = text.file(finishing: true)

        var unknown: [String: Set<String>] = [:]
        func files(_ pages: [Page]) -> [OutputFile] {
            pages.map { page in
                if !page.unknownKeys.isEmpty { unknown[page.template, default: []].formUnion(page.unknownKeys) }
                // The file shares the page's string storage; nothing is copied.
                return OutputFile(path: page.path, text: page.text)
            }
        }
        try await jobs.concurrentForEachChunk(chunkSize: Self.chunkSize) {
            renderer.render(job: $0, print: print, text: text)
        } consume: {
            (results) throws(Failure) in
            var output = files(results.map(\.page))
            output += printFile.add(results.compactMap(\.print), unknown: &unknown)
            output += textFile.add(results.compactMap(\.text), unknown: &unknown)
            try emit(output)
        }
        finished("pages")
        try await printFile.finish(emit: emit, unknown: &unknown)
        finished("print.html")
        try await textFile.finish(emit: emit, unknown: &unknown)
        finished("booklet.txt")
        try emit(files(onePage.handouts()))
        finished("handouts")
        var index = FileParts(path: "search-index.js")
        try await SearchIndex(booklet: booklet).write { (part) throws(Failure) in try emit([index.next(part)]) }
        try emit(templates.assets.map { OutputFile(path: "assets/" + $0.path, bytes: $0.bytes) })
        finished("search index")
        return unknown.sorted { $0.key < $1.key }.flatMap { template, keys in
            keys.sorted().map {
                Diagnostic.warning(
                    SourceLocation(path: templates.path + "/" + template + ".mustache"),
                    "template uses '\($0)', which this page does not provide; it renders as nothing")
            }
        }
    }

    /// A page to render; every page is independent of the others, so all render in parallel.
    enum PageJob: Sendable {
        case cover, search
        case section(Int)
        case entry(Int)
        case vocabulary(Int)
        case term(vocabulary: Int, term: Int)
    }

    /// What one job renders: its page and, for an entry, its parts of the one-page outputs
    /// that render along with the pages.
    struct JobResult: Sendable {
        var page: Page
        var print: OnePageStream.Rendered?
        var text: OnePageStream.Rendered?
    }

    /// Renders `job`. An entry's body is parsed once for its page and its one-page parts,
    /// and walked once for its page and `print.html`.
    func render(job: PageJob, print: OnePageOutput, text: OnePageOutput) -> JobResult {
        guard case .entry(let index) = job, print.alongPages || text.alongPages else {
            return JobResult(page: page(for: job))
        }
        let source = booklet.entries[index].source
        let document = CMarkDocument(markdown: source.body, lineOffset: source.bodyLineOffset)
        let options = entryBodyOptions(index)
        let body: HTMLBodyRenderer.Output
        var printHTML: HTMLBodyRenderer.Output?
        if print.alongPages, let printOptions = print.bodyOptions?(index) {
            (body, printHTML) = HTMLBodyRenderer.render(document: document, options: options, alsoWith: printOptions)
        } else {
            body = HTMLBodyRenderer.render(document: document, options: options)
        }
        let parsed = ParsedBody(document: document, printHTML: printHTML)
        return JobResult(
            page: entryPage(index, body: body),
            print: print.alongPages ? print.prepared.renderSlot(index, parsed: parsed) : nil,
            text: text.alongPages ? text.prepared.renderSlot(index, parsed: parsed) : nil)
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

    /// One rendered page.
    struct Page: Sendable {
        var path: String
        var template: String
        var text: String
        var unknownKeys: Set<String>
    }

    func page(_ path: String, template: String, context: [String: Any]) -> Page {
        let (text, unknown) = templates.render(template, context)
        return Page(path: path, template: template, text: text, unknownKeys: unknown)
    }

    var contexts: PageContext { PageContext(booklet: booklet, snippets: snippets) }

    func cover() -> Page {
        let links = PageLinks(depth: 0)
        var context = contexts.common(
            links: links, pageTitle: booklet.config.title, description: booklet.config.subtitle, page: "cover")
        context["contents"] = booklet.sections.map { section -> [String: Any] in
            [
                "number": section.number,
                "title": section.section.title,
                "url": links.sectionHref(section),
                "summary_html": snippets.html(section.section.summary, depth: 0),
                "entries": section.entries.map { contexts.entryLink($0, links: links) },
            ]
        }
        context["vocabularies"] = booklet.vocabularies.map { linked -> [String: Any] in
            [
                "title": linked.vocabulary.title,
                "url": links.vocabularyHref(linked),
                "count": linked.vocabulary.terms.count,
            ]
        }
        context["entry_count"] = booklet.entries.count
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
        context["section"] =
            [
                "number": section.number,
                "title": section.section.title,
                "summary_html": snippets.html(section.section.summary, depth: 1),
                "is_comparison": section.section.isComparison,
                "columns": columns.map { ["title": $0] },
            ] as [String: Any]
        context["entries"] = section.entries.map { entryIndex -> [String: Any] in
            var item = contexts.entryLink(entryIndex, links: links)
            if section.section.isComparison {
                let entry = booklet.entries[entryIndex]
                let output = HTMLBodyRenderer.render(
                    markdown: entry.source.body, lineOffset: entry.source.bodyLineOffset,
                    options: bodyOptions(for: entryIndex, links: links, columns: columns))
                item["intro_html"] = output.main
                item["cells"] = zip(columns, output.columns).map { ["column": $0, "html": $1] }
            } else {
                item["intro_html"] = ""
                item["cells"] = [[String: Any]]()
            }
            return item
        }
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

    /// The options of entry `index`'s body on its own page.
    func entryBodyOptions(_ index: Int) -> HTMLBodyRenderer.Options {
        bodyOptions(for: index, links: PageLinks(depth: 1))
    }

    /// `body` is the entry's body already rendered, if at hand.
    func entryPage(_ index: Int, body: HTMLBodyRenderer.Output? = nil) -> Page {
        let entry = booklet.entries[index]
        let section = booklet.sections[entry.section]
        let links = PageLinks(depth: 1)
        var context = contexts.common(
            links: links, pageTitle: entry.title, description: entry.source.summary, currentSection: entry.section,
            page: "entry",
            breadcrumbs: [
                contexts.homeCrumb(links),
                [
                    "title": "\(section.number). \(section.section.title)",
                    "url": links.sectionHref(section),
                ],
            ])
        let body =
            body
            ?? HTMLBodyRenderer.render(
                markdown: entry.source.body, lineOffset: entry.source.bodyLineOffset,
                options: entryBodyOptions(index))
        context["entry"] =
            [
                "number": entry.number,
                "title": entry.title,
                "summary": PageContext.optional(entry.source.summary),
                "source": PageContext.optional(entry.source.source),
                "body_html": body.main,
                "section_title": section.section.title,
                "section_number": section.number,
                "section_url": links.sectionHref(section),
                "taxonomies": contexts.taxonomies(of: entry, links: links),
                "backlinks": entry.backlinks.map { contexts.entryLink($0, links: links) },
                "related": entry.related.map { contexts.entryLink($0, links: links) },
                "previous": booklet.previous(index).map { [contexts.entryLink($0, links: links)] } ?? [],
                "next": booklet.next(index).map { [contexts.entryLink($0, links: links)] } ?? [],
            ] as [String: Any]
        return page(
            PageLinks(depth: 0).entryHref(index, in: booklet), template: "html/entry", context: context)
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
        var groups: [(letter: String, terms: [[String: Any]])] = []
        for t in sorted {
            let term = linked.vocabulary.terms[t]
            let letter = AlphabeticalOrder.initial(of: term.title)
            let item: [String: Any] = [
                "title": term.title,
                "url": links.termHref(vocabulary: v, term: t, in: booklet),
                "definition_html": snippets.html(term.definition, depth: 1),
                "count": linked.entriesByTerm[t].count,
            ]
            if groups.last?.letter == letter {
                groups[groups.count - 1].terms.append(item)
            } else {
                groups.append((letter, [item]))
            }
        }
        context["vocabulary"] =
            [
                "title": linked.vocabulary.title,
                "key": linked.vocabulary.key,
                "term_count": linked.vocabulary.terms.count,
                "letters": groups.enumerated().map {
                    ["letter": $1.letter, "anchor": "letter-\($0 + 1)", "terms": $1.terms]
                },
            ] as [String: Any]
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
                ["title": linked.vocabulary.title, "url": links.vocabularyHref(linked)],
            ])
        var groups: [(section: Int, entries: [[String: Any]])] = []
        for index in linked.entriesByTerm[t] {
            let section = booklet.entries[index].section
            let item = contexts.entryLink(index, links: links)
            if groups.last?.section == section {
                groups[groups.count - 1].entries.append(item)
            } else {
                groups.append((section, [item]))
            }
        }
        context["term"] =
            [
                "title": term.title,
                "vocabulary_title": linked.vocabulary.title,
                "vocabulary_url": links.vocabularyHref(linked),
                "definition_html": snippets.html(term.definition, depth: 1),
                "aliases": term.aliases,
                "see_also": linked.seeAlso[t].map {
                    [
                        "title": linked.vocabulary.terms[$0].title,
                        "url": links.termHref(vocabulary: v, term: $0, in: booklet),
                    ]
                },
                "count": linked.entriesByTerm[t].count,
                "groups": groups.map { group -> [String: Any] in
                    let section = booklet.sections[group.section]
                    return [
                        "section_title": section.section.title,
                        "section_number": section.number,
                        "section_url": links.sectionHref(section),
                        "entries": group.entries,
                    ]
                },
            ] as [String: Any]
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
