/// Where things live inside the e-book: one XHTML document per section
/// (`section-<id>.xhtml`) and one index per vocabulary (`terms-<key>.xhtml`). `PageLinks`
/// uses it to write cross-references and term links as links inside the book.
struct BookDocuments: Sendable {
    /// The document of each entry, by entry index.
    let entryDocuments: [String]
    /// Entries shown as rows of a comparison table: links to their headings lead to the row.
    let rowEntries: Set<Int>

    init(booklet: LinkedBooklet) {
        var documents = Array(repeating: "", count: booklet.entries.count)
        var rows: Set<Int> = []
        for section in booklet.sections {
            for index in section.entries {
                documents[index] = Self.sectionDocument(section.section.id)
                if section.section.isComparison { rows.insert(index) }
            }
        }
        entryDocuments = documents
        rowEntries = rows
    }

    func document(ofEntry index: Int) -> String { entryDocuments[index] }

    /// The document of section `id`.
    static func sectionDocument(_ id: String) -> String { "section-" + id + ".xhtml" }

    /// The index of terms of vocabulary `key`.
    static func vocabularyDocument(_ key: String) -> String { "terms-" + key + ".xhtml" }
}
