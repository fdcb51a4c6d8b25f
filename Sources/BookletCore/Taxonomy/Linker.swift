/// Builds the `LinkedBooklet` from the corpus and its scanned documents: validates term
/// references, resolves every cross-reference, then fills backlinks and related entries.
///
/// Needs the scanned documents, as anchors are only known once headings have ids.
public enum Linker {
    /// Links `corpus`; `documents[i]` belongs to `corpus.entries[i]`, and so do the
    /// postings of `bodyWords` (kept for the search index).
    public static func link(_ corpus: Corpus, documents: [EntryDocument], bodyWords: BodyWords)
        async -> (LinkedBooklet, [Diagnostic])
    {
        var diagnostics: [Diagnostic] = []
        let vocabularies = linkVocabularies(corpus.taxonomy.vocabularies, diagnostics: &diagnostics)
        let vocabularyIndex = Dictionary(
            uniqueKeysWithValues: vocabularies.enumerated().map { ($1.vocabulary.key, $0) })
        let entryIndex = Dictionary(uniqueKeysWithValues: corpus.entries.enumerated().map { ($1.id, $0) })

        var sections = corpus.taxonomy.sections.enumerated().map {
            LinkedSection(section: $1, number: $0 + 1, entries: [])
        }
        let sectionIndex = Dictionary(uniqueKeysWithValues: sections.enumerated().map { ($1.section.id, $0) })
        var entries: [LinkedEntry] = []
        entries.reserveCapacity(corpus.entries.count)
        for (index, (source, document)) in zip(corpus.entries, documents).enumerated() {
            // The loader only accepts entries in declared sections.
            guard let section = sectionIndex[source.sectionID] else { continue }
            sections[section].entries.append(index)
            let number = "\(section + 1).\(sections[section].entries.count)"
            entries.append(
                LinkedEntry(
                    source: source, document: document, section: section, number: number, terms: [], links: [],
                    backlinks: [], related: []))
        }

        var booklet = LinkedBooklet(
            config: corpus.config, sections: sections, vocabularies: vocabularies, entries: entries, handouts: [],
            entryIndex: entryIndex, vocabularyIndex: vocabularyIndex, snippets: [:], bodyWords: bodyWords)
        booklet.files = corpus.files
        booklet.aliasIndex = EntryAliases.index(corpus, entryIndex: entryIndex, diagnostics: &diagnostics)
        assignTerms(&booklet, diagnostics: &diagnostics)
        resolveLinks(&booklet, drafts: corpus.drafts, diagnostics: &diagnostics)
        checkComparisons(booklet, diagnostics: &diagnostics)
        checkHeadingLevels(booklet, diagnostics: &diagnostics)
        linkHandouts(&booklet, drafts: corpus.drafts, diagnostics: &diagnostics)
        resolveSnippetLinks(&booklet, drafts: corpus.drafts, diagnostics: &diagnostics)
        FileLinks.finish(
            &booklet, resolver: LinkResolver(booklet: booklet), namedByDrafts: corpus.filesNamedByDrafts,
            diagnostics: &diagnostics)
        reportUnusedTerms(booklet, diagnostics: &diagnostics)
        fillBacklinks(&booklet)
        await RelatedEntries.fill(&booklet)
        return (booklet, diagnostics)
    }

    private static func linkVocabularies(_ vocabularies: [Vocabulary], diagnostics: inout [Diagnostic])
        -> [LinkedVocabulary]
    {
        vocabularies.map { vocabulary in
            let termIndex = Dictionary(uniqueKeysWithValues: vocabulary.terms.enumerated().map { ($1.id, $0) })
            let seeAlso = vocabulary.terms.map { term in
                term.see.compactMap { reference -> Int? in
                    if let index = termIndex[reference.value] {
                        if reference.value == term.id {
                            diagnostics.append(.warning(reference.location, "term '\(term.id)' lists itself in 'see'"))
                            return nil
                        }
                        return index
                    }
                    diagnostics.append(
                        .error(
                            reference.location,
                            "unknown term '\(reference.value)' in 'see' of '\(term.id)'\(TermSuggestion.hint(for: reference.value, in: vocabulary))"
                        ))
                    return nil
                }
            }
            return LinkedVocabulary(
                vocabulary: vocabulary, entriesByTerm: Array(repeating: [], count: vocabulary.terms.count),
                termIndex: termIndex, seeAlso: seeAlso)
        }
    }

    /// Checks each front-matter term id and records the entry under its terms.
    private static func assignTerms(_ booklet: inout LinkedBooklet, diagnostics: inout [Diagnostic]) {
        for index in booklet.entries.indices {
            var references: [TermReference] = []
            for (v, linked) in booklet.vocabularies.enumerated() {
                let key = linked.vocabulary.key
                guard let ids = booklet.entries[index].source.terms[key] else { continue }
                var seen: Set<String> = []
                for id in ids {
                    guard let term = linked.termIndex[id.value] else {
                        diagnostics.append(
                            .error(
                                id.location,
                                "unknown \(key) term '\(id.value)'\(TermSuggestion.hint(for: id.value, in: linked.vocabulary))"
                            ))
                        continue
                    }
                    guard seen.insert(id.value).inserted else {
                        diagnostics.append(.warning(id.location, "\(key) term '\(id.value)' is listed twice"))
                        continue
                    }
                    references.append(TermReference(vocabulary: v, term: term))
                    booklet.vocabularies[v].entriesByTerm[term].append(index)
                }
            }
            booklet.entries[index].terms = references
        }
    }

    private static func resolveLinks(
        _ booklet: inout LinkedBooklet, drafts: Set<String>, diagnostics: inout [Diagnostic]
    ) {
        let resolver = LinkResolver(booklet: booklet, drafts: drafts)
        for index in booklet.entries.indices {
            let entry = booklet.entries[index]
            var resolved: [ResolvedLink?] = []
            resolved.reserveCapacity(entry.document.links.count)
            for link in entry.document.links {
                switch resolver.resolve(
                    link, sectionID: entry.source.sectionID, in: entry.document, warnings: &diagnostics)
                {
                case .success(let target): resolved.append(target)
                case .failure(let diagnostic):
                    resolved.append(nil)
                    diagnostics.append(diagnostic)
                }
            }
            if !booklet.config.unsafeHTML {
                for line in Set(entry.document.rawHTMLLines).sorted() {
                    diagnostics.append(
                        .warning(
                            SourceLocation(path: entry.source.path, line: line, column: 1),
                            "raw HTML is shown as plain text; write Markdown instead, or set 'unsafe-html: true' in booklet.yml"
                        ))
                }
            }
            diagnostics += entry.document.literalMarkup
            booklet.entries[index].links = resolved
        }
    }

    /// Links in section summaries, term definitions and handout memos; their paths are
    /// relative to the content folder.
    private static func resolveSnippetLinks(
        _ booklet: inout LinkedBooklet, drafts: Set<String>, diagnostics: inout [Diagnostic]
    ) {
        let resolver = LinkResolver(booklet: booklet, drafts: drafts)
        var snippets: [MarkdownInYAML] = []
        snippets += booklet.sections.compactMap(\.section.summarySource)
        snippets += booklet.vocabularies.flatMap { $0.vocabulary.terms.compactMap(\.definitionSource) }
        snippets += booklet.handouts.compactMap(\.handout.memoSource)
        snippets += [booklet.config.footerSource].compactMap { $0 }
        for snippet in snippets {
            let document = EntryDocument.scan(markdown: snippet.text, lineOffset: 0, path: snippet.start.path)
            var resolved: [ResolvedLink?] = []
            for link in document.links {
                var placed = link
                placed.location = snippet.fileLocation(of: link.location)
                switch resolver.resolve(placed, sectionID: "", in: nil, warnings: &diagnostics) {
                case .success(let target): resolved.append(target)
                case .failure(let diagnostic):
                    resolved.append(nil)
                    diagnostics.append(diagnostic)
                }
            }
            booklet.snippets[snippet.text] = LinkedBody(parsed: document.body, links: resolved)
            for warning in document.literalMarkup {
                diagnostics.append(.warning(snippet.fileLocation(of: warning.location), warning.message))
            }
            for line in Set(document.rawHTMLLines).sorted() where !booklet.config.unsafeHTML {
                diagnostics.append(
                    .warning(
                        snippet.fileLocation(of: SourceLocation(path: snippet.start.path, line: line, column: 0)),
                        "raw HTML is shown as plain text; write Markdown instead"))
            }
        }
    }

    /// A body heading at level 1 (`# Text`, or text underlined with `=`) renders at the
    /// level of `##`, since the entry's title is the page's one `<h1>`: say so where it is
    /// written, so the editor writes the level the reader gets.
    private static func checkHeadingLevels(_ booklet: LinkedBooklet, diagnostics: inout [Diagnostic]) {
        for entry in booklet.entries {
            for heading in entry.document.headings where heading.level == 1 {
                let location = SourceLocation(path: entry.source.path, line: heading.line, column: heading.column)
                diagnostics.append(
                    .warning(
                        location,
                        heading.isUnderlined
                            ? "heading underlined with '=' renders like '## \(heading.text)', as the entry's title is the page's top heading; did you mean to underline it with '-'?"
                            : "heading '# \(heading.text)' renders like '## \(heading.text)', as the entry's title is the page's top heading; did you mean '## \(heading.text)'?"
                    ))
            }
        }
    }

    /// Every entry of a comparison section needs one `##` heading per column.
    private static func checkComparisons(_ booklet: LinkedBooklet, diagnostics: inout [Diagnostic]) {
        for section in booklet.sections where section.section.isComparison {
            for index in section.entries {
                let entry = booklet.entries[index]
                let headings = Set(entry.document.headings.filter { $0.level == 2 }.map(\.text))
                for column in section.section.compare where !headings.contains(column) {
                    diagnostics.append(
                        .error(
                            SourceLocation(path: entry.source.path, line: entry.source.bodyLineOffset + 1, column: 1),
                            "entry of comparison section '\(section.section.id)' has no heading '## \(column)'"))
                }
            }
        }
    }

    private static func linkHandouts(
        _ booklet: inout LinkedBooklet, drafts: Set<String>, diagnostics: inout [Diagnostic]
    ) {
        let ids = booklet.entries.map(\.id)
        booklet.handouts = booklet.config.handouts.map { handout in
            let entries = handout.entries.compactMap { id -> Int? in
                if let index = booklet.entryIndex[id.value] { return index }
                if let index = booklet.aliasIndex[id.value] {
                    diagnostics.append(
                        .warning(
                            id.location,
                            "'\(id.value)' is an old address (alias) of entry '\(booklet.entries[index].id)'; update the handout to '\(booklet.entries[index].id)'"
                        ))
                    return index
                }
                if drafts.contains(id.value) {
                    diagnostics.append(.error(id.location, LinkResolver.draftMessage(id.value)))
                    return nil
                }
                diagnostics.append(
                    .error(
                        id.location,
                        "handout '\(handout.id)' names unknown entry '\(id.value)'\(EntrySuggestion.nearest(to: id.value, in: ids).map { "; did you mean '\($0)'?" } ?? "")"
                    ))
                return nil
            }
            // An entry listed twice is shown once: its ids on the page must stay unique.
            var seen: Set<Int> = []
            return LinkedHandout(handout: handout, entries: entries.filter { seen.insert($0).inserted })
        }
    }

    private static func reportUnusedTerms(_ booklet: LinkedBooklet, diagnostics: inout [Diagnostic]) {
        for vocabulary in booklet.vocabularies {
            for (term, entries) in zip(vocabulary.vocabulary.terms, vocabulary.entriesByTerm) where entries.isEmpty {
                diagnostics.append(
                    .warning(term.location, "\(vocabulary.vocabulary.key) term '\(term.id)' is not used by any entry"))
            }
        }
    }

    private static func fillBacklinks(_ booklet: inout LinkedBooklet) {
        var backlinks = Array(repeating: Set<Int>(), count: booklet.entries.count)
        for (index, entry) in booklet.entries.enumerated() {
            for case .entry(let target, _)? in entry.links where target != index {
                backlinks[target].insert(index)
            }
        }
        for index in booklet.entries.indices { booklet.entries[index].backlinks = backlinks[index].sorted() }
    }
}
