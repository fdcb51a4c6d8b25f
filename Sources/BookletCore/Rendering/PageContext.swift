/// Builds the Mustache contexts of HTML pages.
///
/// Contexts are plain dictionaries and total: every key a template may use is present on
/// every page of that kind. Optional values are lists of zero or one item, because
/// Mustache treats an empty string as true (`{{#summary}}{{.}}{{/summary}}`).
struct PageContext {
    let booklet: LinkedBooklet
    /// Pre-rendered HTML of section summaries and term definitions (Markdown snippets).
    let snippets: SnippetHTML

    /// Zero or one item: `[value]` when present and not empty, else `[]`.
    static func optional(_ value: String?) -> [String] {
        guard let value, !value.isBlank else { return [] }
        return [value]
    }

    /// Keys shared by every page: site identity, links to the main pages, navigation.
    func common(
        links: PageLinks, pageTitle: String, description: String?, currentSection: Int? = nil,
        currentVocabulary: Int? = nil, page: String, breadcrumbs: [[String: Any]] = []
    ) -> [String: Any] {
        let config = booklet.config
        let sections: [[String: Any]] = booklet.sections.map { section in
            [
                "number": section.number,
                "title": section.section.title,
                "url": links.sectionHref(section),
                "current": section.number - 1 == currentSection,
            ]
        }
        let vocabularies: [[String: Any]] = booklet.vocabularies.enumerated().map { index, linked in
            [
                "title": linked.vocabulary.title,
                "url": links.vocabularyHref(linked),
                "current": index == currentVocabulary,
            ]
        }
        let handouts: [[String: Any]] = booklet.handouts.map { handout in
            [
                "title": handout.handout.title,
                "html_url": links.rootHref(handout.handout.id + ".html"),
                "text_url": links.rootHref(handout.handout.id + ".txt"),
            ]
        }
        return [
            "lang": config.language,
            "booklet_title": config.title,
            "booklet_subtitle": Self.optional(config.subtitle),
            "publisher": Self.optional(config.publisher),
            "page_title": pageTitle,
            "is_cover": page == "cover",
            "page_kind": page,
            "description": Self.optional(description),
            "root": links.root,
            "home_url": links.rootHref("index.html"),
            "search_url": links.rootHref("search.html"),
            "print_url": links.rootHref("print.html"),
            "text_url": links.rootHref("booklet.txt"),
            "assets": links.rootHref("assets/"),
            "nav_sections": sections,
            "nav_vocabularies": vocabularies,
            "handouts": handouts,
            "breadcrumbs": breadcrumbs,
        ]
    }

    /// The first breadcrumb of every page but the cover: the booklet's contents.
    func homeCrumb(_ links: PageLinks) -> [String: Any] {
        ["title": booklet.config.title, "url": links.rootHref("index.html")]
    }

    /// A compact reference to an entry: number, title, link, summary.
    func entryLink(_ index: Int, links: PageLinks) -> [String: Any] {
        let entry = booklet.entries[index]
        return [
            "number": entry.number,
            "title": entry.title,
            "url": links.entryHref(index, in: booklet),
            "summary": Self.optional(entry.source.summary),
            "section_title": booklet.sections[entry.section].section.title,
        ]
    }

    /// The terms an entry carries, grouped by vocabulary.
    func taxonomies(of entry: LinkedEntry, links: PageLinks) -> [[String: Any]] {
        booklet.vocabularies.enumerated().compactMap { v, linked -> [String: Any]? in
            let terms = entry.terms.filter { $0.vocabulary == v }
            guard !terms.isEmpty else { return nil }
            return [
                "title": linked.vocabulary.title,
                "key": linked.vocabulary.key,
                "url": links.vocabularyHref(linked),
                "terms": terms.map { reference -> [String: Any] in
                    [
                        "title": linked.vocabulary.terms[reference.term].title,
                        "url": links.termHref(vocabulary: v, term: reference.term, in: booklet),
                    ]
                },
            ]
        }
    }
}

/// HTML of the Markdown snippets in the configuration files (section summaries, term
/// definitions), rendered once per link depth. Handout memos are rendered with their
/// handout, whose entries they may link to on the same page.
struct SnippetHTML: Sendable {
    /// Keyed by "<depth>|<markdown>".
    private var rendered: [String: String] = [:]

    init(booklet: LinkedBooklet, snippetLinks: [String: ResolvedLink], depths: [Int]) {
        var texts: Set<String> = []
        for section in booklet.sections { if let summary = section.section.summary { texts.insert(summary) } }
        for vocabulary in booklet.vocabularies {
            for term in vocabulary.vocabulary.terms { if let definition = term.definition { texts.insert(definition) } }
        }
        for depth in depths {
            for text in texts {
                let options = HTMLBodyRenderer.Options(
                    links: PageLinks(depth: depth), resolved: snippetLinks, booklet: booklet)
                rendered["\(depth)|\(text)"] =
                    HTMLBodyRenderer.render(markdown: text, lineOffset: 0, options: options).main
            }
        }
    }

    /// The HTML of `markdown` for a page at `depth`, or "" for nil.
    func html(_ markdown: String?, depth: Int) -> String {
        guard let markdown else { return "" }
        return rendered["\(depth)|\(markdown)"] ?? ""
    }
}
