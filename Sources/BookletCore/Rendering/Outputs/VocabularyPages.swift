/// `<vocabulary>/index.html`, the terms of a vocabulary A to Z, and `<vocabulary>/<term>.html`,
/// a page per term.
struct VocabularyPages: Output {
    var name: String { "vocabulary pages" }
    var templates: [String] { ["html/vocabulary", "html/term"] }
    var reservedNames: [String] { [] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        // One list of pages, the vocabularies' and then their terms', rendered together.
        var pages: [(vocabulary: Int, term: Int?)] = []
        for (v, linked) in site.booklet.vocabularies.enumerated() {
            pages.append((v, nil))
            pages += linked.vocabulary.terms.indices.map { (v, $0) }
        }
        let jobs = pages
        return try await site.renderPages(
            count: jobs.count,
            { index in
                let job = jobs[index]
                return job.term.map { site.termPage(vocabulary: job.vocabulary, term: $0) } ?? site.vocabularyPage(job.vocabulary)
            }, emit: emit)
    }
}

extension SiteRenderer {
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
}
