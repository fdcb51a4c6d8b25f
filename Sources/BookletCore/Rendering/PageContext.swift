/// Builds the template contexts of HTML pages.
///
/// Contexts are total: every name a template may use is present on every page of that
/// kind. Optional values are lists of zero or one item (`TemplateValue.optional`), so
/// `{{#summary}}…{{/summary}}` shows a summary only when there is one.
struct PageContext {
    let booklet: LinkedBooklet
    /// Pre-rendered HTML of section summaries and term definitions (Markdown snippets).
    let snippets: SnippetHTML

    /// Names shared by every page: site identity, links to the main pages, navigation.
    func common(
        links: PageLinks, pageTitle: String, description: String?, currentSection: Int? = nil,
        currentVocabulary: Int? = nil, page: String, breadcrumbs: [TemplateObject] = []
    ) -> TemplateObject {
        let config = booklet.config
        let sections: [TemplateObject] = booklet.sections.map { section in
            [
                "number": .number(section.number),
                "title": .text(section.section.title),
                "url": .text(links.sectionHref(section)),
                "current": .bool(section.number - 1 == currentSection),
            ]
        }
        let vocabularies: [TemplateObject] = booklet.vocabularies.enumerated().map { index, linked in
            [
                "title": .text(linked.vocabulary.title),
                "url": .text(links.vocabularyHref(linked)),
                "current": .bool(index == currentVocabulary),
            ]
        }
        let handouts: [TemplateObject] = booklet.handouts.map { handout in
            [
                "title": .text(handout.handout.title),
                "html_url": .text(links.rootHref(handout.handout.id + ".html")),
                "text_url": .text(links.rootHref(handout.handout.id + ".txt")),
            ]
        }
        return [
            "lang": .text(config.language),
            "booklet_title": .text(config.title),
            "booklet_subtitle": .optional(config.subtitle),
            "publisher": .optional(config.publisher),
            "page_title": .text(pageTitle),
            "is_cover": .bool(page == "cover"),
            "page_kind": .text(page),
            "description": .optional(description),
            "root": .text(links.root),
            "home_url": .text(links.rootHref("index.html")),
            "search_url": .text(links.rootHref("search.html")),
            "print_url": .text(links.rootHref("print.html")),
            "text_url": .text(links.rootHref("booklet.txt")),
            "epub_url": .text(links.rootHref("booklet.epub")),
            "assets": .text(links.rootHref("assets/")),
            "nav_sections": .objects(sections),
            "nav_vocabularies": .objects(vocabularies),
            "handouts": .objects(handouts),
            "breadcrumbs": .objects(breadcrumbs),
            // Rendered for the page's depth (links.root is "" or "../"s).
            "footer_html": .optional(
                config.footer.map { snippets.html($0, depth: links.root.utf8.count / 3) }),
            "accent_color": .optional(config.accentColor),
            "logo": .objects(PageFiles.logo(booklet, links: links)),
        ]
    }

    /// The first breadcrumb of every page but the cover: the booklet's contents.
    func homeCrumb(_ links: PageLinks) -> TemplateObject {
        ["title": .text(booklet.config.title), "url": .text(links.rootHref("index.html"))]
    }

    /// A compact reference to an entry: number, title, link, summary.
    func entryLink(_ index: Int, links: PageLinks) -> TemplateObject {
        let entry = booklet.entries[index]
        return [
            "number": .text(entry.number),
            "title": .text(entry.title),
            "url": .text(links.entryHref(index, in: booklet)),
            "summary": .optional(entry.source.summary),
            "section_title": .text(booklet.sections[entry.section].section.title),
        ]
    }

    /// Compact references to entries.
    func entryLinks(_ indices: [Int], links: PageLinks) -> TemplateValue {
        .objects(indices.map { entryLink($0, links: links) })
    }

    /// The terms an entry carries, grouped by vocabulary.
    func taxonomies(of entry: LinkedEntry, links: PageLinks) -> TemplateValue {
        .objects(
            booklet.vocabularies.enumerated().compactMap { v, linked -> TemplateObject? in
                let terms = entry.terms.filter { $0.vocabulary == v }
                guard !terms.isEmpty else { return nil }
                return [
                    "title": .text(linked.vocabulary.title),
                    "key": .text(linked.vocabulary.key),
                    "url": .text(links.vocabularyHref(linked)),
                    "terms": .objects(
                        terms.map { reference in
                            [
                                "title": .text(linked.vocabulary.terms[reference.term].title),
                                "url": .text(links.termHref(vocabulary: v, term: reference.term, in: booklet)),
                            ]
                        }),
                ]
            })
    }
}

/// HTML of the Markdown snippets in the configuration files (section summaries, term
/// definitions, the footer), rendered once per link depth. Handout memos are rendered with their
/// handout, whose entries they may link to on the same page.
struct SnippetHTML: Sendable {
    /// Keyed by "<depth>|<markdown>".
    private var rendered: [String: String] = [:]

    init(booklet: LinkedBooklet, depths: [Int]) {
        var texts: Set<String> = []
        for section in booklet.sections { if let summary = section.section.summary { texts.insert(summary) } }
        if let footer = booklet.config.footer { texts.insert(footer) }
        for vocabulary in booklet.vocabularies {
            for term in vocabulary.vocabulary.terms { if let definition = term.definition { texts.insert(definition) } }
        }
        for depth in depths {
            for text in texts {
                let options = HTMLBodyRenderer.Options(links: PageLinks(depth: depth), booklet: booklet)
                rendered["\(depth)|\(text)"] = HTMLBodyRenderer.render(booklet.snippet(text), options: options).main
            }
        }
    }

    /// The HTML of `markdown` for a page at `depth`, or "" for nil.
    func html(_ markdown: String?, depth: Int) -> String {
        guard let markdown else { return "" }
        return rendered["\(depth)|\(markdown)"] ?? ""
    }
}
