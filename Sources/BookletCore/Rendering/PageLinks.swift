/// How resolved links are written on one output page: every href is relative to that
/// page and names a file (`../topics/index.html`, never a folder), so the site works from `file://`.
public struct PageLinks: Sendable {
    /// Path from the page back to the site root: "" at the top, "../" one folder down.
    public var root: String
    /// Entries shown on this same page (print page, handouts), as entry index -> anchor id;
    /// links to them become in-page fragments.
    public var anchors: [Int: String]
    /// Prefix added to heading ids of the entry being rendered (unique ids on one-page outputs).
    public var headingPrefix: String
    /// In the e-book: which document holds each entry, section and vocabulary, so links
    /// lead to `section-<id>.xhtml#<anchor>` instead of site pages. Nil on the site.
    var book: BookDocuments?

    /// Links for a page `depth` folders below the site root.
    public init(depth: Int, anchors: [Int: String] = [:], headingPrefix: String = "") {
        root = String(repeating: "../", count: depth)
        self.anchors = anchors
        self.headingPrefix = headingPrefix
    }

    /// Links inside the e-book: every entry is on `anchors`, in the document `book` names.
    init(book: BookDocuments, anchors: [Int: String], headingPrefix: String = "") {
        root = ""
        self.anchors = anchors
        self.headingPrefix = headingPrefix
        self.book = book
    }

    /// The href of `link` as seen from this page.
    func href(_ link: ResolvedLink, in booklet: LinkedBooklet) -> String {
        switch link {
        case .external(let url): return url
        case .fragment(let fragment): return "#" + headingPrefix + fragment
        case .term(let v, let t): return termHref(vocabulary: v, term: t, in: booklet)
        case .file(let index): return fileHref(index, in: booklet)
        case .entry(let index, let fragment):
            if let book, let anchor = anchors[index] {
                // A comparison entry's column headings become table cells without ids:
                // its links lead to its row.
                let fragment = book.rowEntries.contains(index) ? nil : fragment
                return book.document(ofEntry: index) + "#" + (fragment.map { anchor + "--" + $0 } ?? anchor)
            }
            if let anchor = anchors[index] {
                return "#" + (fragment.map { anchor + "--" + $0 } ?? anchor)
            }
            return entryHref(index, in: booklet) + (fragment.map { "#" + $0 } ?? "")
        }
    }

    /// The href of an entry's own page.
    public func entryHref(_ index: Int, in booklet: LinkedBooklet) -> String {
        if let book, let anchor = anchors[index] { return book.document(ofEntry: index) + "#" + anchor }
        let source = booklet.entries[index].source
        return root + source.sectionID + "/" + source.slug + ".html"
    }

    /// The href of a term page.
    public func termHref(vocabulary: Int, term: Int, in booklet: LinkedBooklet) -> String {
        let linked = booklet.vocabularies[vocabulary]
        if book != nil {
            return BookDocuments.vocabularyDocument(linked.vocabulary.key) + "#" + linked.vocabulary.terms[term].id
        }
        return root + linked.vocabulary.key + "/" + linked.vocabulary.terms[term].id + ".html"
    }

    /// The href of a published image or file: `files/<path>`, percent-encoded.
    public func fileHref(_ index: Int, in booklet: LinkedBooklet) -> String {
        root + ContentFile.urlPath(booklet.files[index].sitePath)
    }

    /// True on pages holding several entries (print.html, handouts): their images load at
    /// once, so printing shows them all.
    var isOnePage: Bool { !anchors.isEmpty || !headingPrefix.isEmpty }

    /// The href of a section's contents page.
    public func sectionHref(_ section: LinkedSection) -> String {
        if book != nil { return BookDocuments.sectionDocument(section.section.id) }
        return root + section.section.id + "/index.html"
    }

    /// The href of a vocabulary's index of terms.
    public func vocabularyHref(_ vocabulary: LinkedVocabulary) -> String {
        if book != nil { return BookDocuments.vocabularyDocument(vocabulary.vocabulary.key) }
        return root + vocabulary.vocabulary.key + "/index.html"
    }

    /// The href of any top-level file (`index.html`, `search.html`, `topics/index.html`).
    public func rootHref(_ path: String) -> String { root + path }
}
