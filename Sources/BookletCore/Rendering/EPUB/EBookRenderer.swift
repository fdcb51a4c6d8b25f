/// Builds the e-book's documents and their template contexts (`templates/epub/`).
///
/// Ids are those of `print.html`: an entry's anchor is `<section>--<slug>`, its headings
/// `<section>--<slug>--<heading>`, a section's its id, a term's its id (in its
/// vocabulary's document), and the documents' own ids start with `_`.
struct EBookRenderer: Sendable {
    let site: SiteRenderer
    let book: BookDocuments
    let anchors: [Int: String]

    /// The folder of the book's content inside the container.
    static let folder = "EPUB/"

    /// The templates the e-book renders.
    static let templates = ["epub/cover", "epub/nav", "epub/section", "epub/terms", "epub/package"]

    /// `META-INF/container.xml`: where the package document is (OCF 3).
    static let container = """
        <?xml version="1.0" encoding="UTF-8"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
        <rootfiles>
        <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
        </rootfiles>
        </container>

        """

    /// The stylesheet every document links (a file of `templates/epub/`).
    static let stylesheet = "book.css"

    init(site: SiteRenderer) {
        self.site = site
        book = BookDocuments(booklet: site.booklet)
        let onePage = OnePageRenderer(site: site)
        anchors = Dictionary(uniqueKeysWithValues: site.booklet.entries.indices.map { ($0, onePage.anchor(of: $0)) })
    }

    private var booklet: LinkedBooklet { site.booklet }

    /// One XHTML document of the book.
    enum Document: Sendable {
        case cover, nav, section(Int), terms(Int)
    }

    /// The documents in reading order: cover, contents, sections, indexes of terms.
    var documents: [Document] {
        [.cover, .nav] + booklet.sections.indices.map { .section($0) } + booklet.vocabularies.indices.map { .terms($0) }
    }

    /// The file name of `document` inside `EPUB/`.
    func path(of document: Document) -> String {
        switch document {
        case .cover: return "cover.xhtml"
        case .nav: return "nav.xhtml"
        case .section(let index): return BookDocuments.sectionDocument(booklet.sections[index].section.id)
        case .terms(let index): return BookDocuments.vocabularyDocument(booklet.vocabularies[index].vocabulary.key)
        }
    }

    /// Links from a document of the book (every entry is in the book).
    private var links: PageLinks { PageLinks(book: book, anchors: anchors) }

    // MARK: Dates and identity

    /// `edition:`, or 1980-01-01 (the first date ZIP can hold) when the booklet has none.
    private var edition: EditionDate {
        booklet.config.edition.flatMap(EditionDate.init) ?? .earliest
    }

    /// The date of every entry of the archive: the edition's, at midnight UTC.
    var zipDate: Int { edition.secondsSince1970 }

    /// `dcterms:modified`: the edition's date at midnight UTC, never the clock's.
    var modified: String { edition.text + "T00:00:00Z" }

    /// `identifier:`, or a UUID named by the title and publisher: stable across builds
    /// and clones, new for another booklet.
    var identifier: String {
        if let identifier = booklet.config.identifier { return identifier }
        let config = booklet.config
        return "urn:uuid:" + NameUUID.version5("booklet:" + config.title + "\n" + (config.publisher ?? ""))
    }

    // MARK: Pages

    func page(_ document: Document) -> SiteRenderer.Page {
        switch document {
        case .cover: return site.page("cover.xhtml", template: "epub/cover", context: coverContext())
        case .nav: return site.page("nav.xhtml", template: "epub/nav", context: navContext())
        case .section(let index):
            return site.page(path(of: document), template: "epub/section", context: sectionContext(index))
        case .terms(let index):
            return site.page(path(of: document), template: "epub/terms", context: termsContext(index))
        }
    }

    /// Names every XHTML document has.
    private func common(title: String) -> TemplateObject {
        let config = booklet.config
        return [
            "lang": .text(config.language),
            "booklet_title": .text(config.title),
            "page_title": .text(title),
            "stylesheet": .text(Self.stylesheet),
        ]
    }

    /// Markdown of `booklet.yml` or `taxonomy.yml` (summaries, definitions, the footer) as XHTML.
    private func snippet(_ markdown: String?) -> String {
        guard let markdown else { return "" }
        var options = HTMLBodyRenderer.Options(links: links, booklet: booklet)
        options.xhtml = true
        return HTMLBodyRenderer.render(booklet.snippet(markdown), options: options).main
    }

    private func coverContext() -> TemplateObject {
        let config = booklet.config
        var context = common(title: config.title)
        context["booklet_subtitle"] = .optional(config.subtitle)
        context["publisher"] = .optional(config.publisher)
        context["edition"] = .optional(config.edition)
        context["footer_html"] = .optional(config.footer.map(snippet))
        context["contents_url"] = .text(path(of: .nav))
        context["logo"] = .objects(PageFiles.logo(booklet, links: links))
        return context
    }

    /// A numbered link to entry `index` inside the book.
    private func entryLink(_ index: Int) -> TemplateObject { site.contexts.entryLink(index, links: links) }

    private func navContext() -> TemplateObject {
        var context = common(title: "Contents")
        context["sections"] = .objects(
            booklet.sections.map { section in
                [
                    "number": .number(section.number),
                    "title": .text(section.section.title),
                    "url": .text(links.sectionHref(section)),
                    "has_entries": .bool(!section.entries.isEmpty),
                    "entries": .objects(section.entries.map(entryLink)),
                ]
            })
        context["vocabularies"] = .objects(
            booklet.vocabularies.map { ["title": .text($0.vocabulary.title), "url": .text(links.vocabularyHref($0))] })
        context["cover_url"] = .text(path(of: .cover))
        context["first_section_url"] = .optional(booklet.sections.first.map { links.sectionHref($0) })
        context["first_index_url"] = .optional(booklet.vocabularies.first.map { links.vocabularyHref($0) })
        return context
    }

    private func sectionContext(_ index: Int) -> TemplateObject {
        let section = booklet.sections[index]
        let columns = section.section.compare
        var context = common(title: section.section.title)
        context["section"] = .object(
            [
                "number": .number(section.number),
                "title": .text(section.section.title),
                "anchor": .text(section.section.id),
                "summary_html": .text(snippet(section.section.summary)),
                "is_comparison": .bool(section.section.isComparison),
                "columns": .objects(columns.map { ["title": .text($0)] }),
            ] as TemplateObject)
        // A sequence: the entries' bodies render on all cores, in chunks, as the
        // template reaches them (a section can hold thousands of entries).
        let renderer = self
        let entries = section.entries
        context["entries"] = .sequence(
            TemplateSequence(count: entries.count) { .object(renderer.sectionEntry(entries[$0], in: index)) })
        return context
    }

    /// Entry `entryIndex` in the document of section `index`.
    private func sectionEntry(_ entryIndex: Int, in index: Int) -> TemplateObject {
        let section = booklet.sections[index]
        let columns = section.section.compare
        let entry = booklet.entries[entryIndex]
        let anchor = anchors[entryIndex] ?? ""
        let entryLinks = PageLinks(book: book, anchors: anchors, headingPrefix: anchor + "--")
        var options = site.bodyOptions(
            for: entryIndex, links: entryLinks, headingShift: 1, columns: section.section.isComparison ? columns : [])
        options.xhtml = true
        let body = HTMLBodyRenderer.render(entry.body, options: options)
        var item = entryLink(entryIndex)
        item["anchor"] = .text(anchor)
        item["source"] = .optional(entry.source.source)
        item["taxonomies"] = site.contexts.taxonomies(of: entry, links: entryLinks)
        item["body_html"] = .text(section.section.isComparison ? "" : body.main)
        item["intro_html"] = .text(section.section.isComparison ? body.main : "")
        item["cells"] = section.section.isComparison ? body.cells(columns) : []
        return item
    }

    private func termsContext(_ v: Int) -> TemplateObject {
        let linked = booklet.vocabularies[v]
        var context = common(title: linked.vocabulary.title)
        let sorted = linked.vocabulary.terms.indices.sorted {
            AlphabeticalOrder.precedes(linked.vocabulary.terms[$0].title, linked.vocabulary.terms[$1].title)
        }
        context["vocabulary"] = .object(
            [
                "title": .text(linked.vocabulary.title),
                "key": .text(linked.vocabulary.key),
                "terms": .objects(
                    sorted.map { t in
                        let term = linked.vocabulary.terms[t]
                        return [
                            "anchor": .text(term.id),
                            "title": .text(term.title),
                            "definition_html": .text(snippet(term.definition)),
                            "aliases": .list(term.aliases.map { .text($0) }),
                            "see_also": .objects(
                                linked.seeAlso[t].map {
                                    [
                                        "title": .text(linked.vocabulary.terms[$0].title),
                                        "url": .text(links.termHref(vocabulary: v, term: $0, in: booklet)),
                                    ]
                                }),
                            "entries": .objects(linked.entriesByTerm[t].map(entryLink)),
                        ]
                    }),
            ] as TemplateObject)
        return context
    }

    // MARK: Package document

    /// `package.opf`: metadata, every file of the book, and the reading order.
    func packagePage(_ documents: [Document]) -> SiteRenderer.Page {
        let config = booklet.config
        var context: TemplateObject = [
            "identifier": .text(identifier),
            "title": .text(config.title),
            "subtitle": .optional(config.subtitle),
            "lang": .text(config.language),
            "publisher": .optional(config.publisher),
            "modified": .text(modified),
            "edition": .optional(config.edition),
        ]
        context["contributors"] = .objects(
            booklet.vocabularies.first { $0.vocabulary.key == "contributors" }.map { linked in
                linked.vocabulary.terms.map { ["name": .text($0.title)] as TemplateObject }
            } ?? [])
        var items: [TemplateObject] = []
        var spine: [TemplateObject] = []
        for (number, document) in documents.enumerated() {
            let id = "d\(number)"
            var properties: [TemplateValue] = []
            if case .nav = document { properties = [.text("nav")] }
            items.append([
                "id": .text(id), "href": .text(path(of: document)), "media_type": .text("application/xhtml+xml"),
                "properties": .list(properties),
            ])
            spine.append(["idref": .text(id)])
        }
        for (number, file) in site.templates.bookFiles.enumerated() {
            items.append([
                "id": .text("f\(number)"), "href": .text(file.path), "media_type": .text(Self.mediaType(of: file.path)),
                "properties": [],
            ])
        }
        for (number, file) in images.enumerated() {
            items.append([
                "id": .text("i\(number)"), "href": .text(ContentFile.urlPath(file.sitePath)),
                "media_type": .text(Self.mediaType(of: file.name)), "properties": [],
            ])
        }
        context["items"] = .objects(items)
        context["spine"] = .objects(spine)
        return site.page("package.opf", template: "epub/package", context: context)
    }

    /// The images the book holds: those its entries, snippets and logo use.
    var images: [ContentFile] { booklet.usedFiles.map { booklet.files[$0] }.filter(\.isImage) }

    /// The media type of a file of `templates/epub/`, or an image, by its extension.
    static func mediaType(of path: String) -> String {
        let lower = path.lowercased()
        let types = [
            (".css", "text/css"), (".woff2", "font/woff2"), (".woff", "font/woff"), (".otf", "font/otf"),
            (".ttf", "font/ttf"), (".png", "image/png"), (".jpg", "image/jpeg"), (".jpeg", "image/jpeg"),
            (".gif", "image/gif"), (".svg", "image/svg+xml"), (".webp", "image/webp"),
        ]
        return types.first { lower.hasSuffix($0.0) }?.1 ?? "application/octet-stream"
    }
}
