import Yams

/// One entry file as read: its id, front matter fields and Markdown body, not yet parsed.
public struct EntrySource: Sendable {
    /// `<section>/<slug>`.
    public var id: String
    public var sectionID: String
    public var slug: String
    /// Path as shown in diagnostics.
    public var path: String
    public var title: String
    public var order: Int?
    /// Where `order` is written, for the warning about two entries with one order.
    public var orderLocation: SourceLocation?
    public var summary: String?
    public var source: String?
    /// `draft: true`: read and checked, but left out of every output.
    public var isDraft = false
    /// `aliases:`: the entry's old ids (`old-section/old-name`), each with its position;
    /// each gets a redirect page, and links to it resolve to this entry with a warning.
    public var aliases: [Located<String>] = []
    /// Vocabulary key -> term ids in the order written, each with its position.
    public var terms: [String: [Located<String>]]
    /// The Markdown body; emptied by `Corpus.releaseBodies()` once the parse stage has
    /// parsed it (`EntryDocument.body`).
    public var body: String
    /// File lines before the body (front matter), added to cmark's line numbers.
    public var bodyLineOffset: Int

    /// The front-matter keys every entry may use besides vocabulary keys.
    static let fixedKeys = ["title", "order", "summary", "source", "draft", "aliases"]

    /// Reads the entry's front matter. Returns nil (with an error) only when the file cannot be
    /// an entry at all; other problems are reported and the entry kept so its links get checked.
    static func read(
        _ text: SourceText, id: String, sectionID: String, slug: String, vocabularyKeys: [String],
        diagnostics: inout [Diagnostic]
    ) -> EntrySource? {
        let frontMatter: FrontMatter
        switch FrontMatter.split(text) {
        case .success(let value): frontMatter = value
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
        var reader = YAMLReader(path: text.path, lineOffset: FrontMatter.yamlFirstLine - 1)
        defer { diagnostics += reader.diagnostics }
        var entry = EntrySource(
            id: id, sectionID: sectionID, slug: slug, path: text.path, title: "", order: nil, orderLocation: nil,
            summary: nil,
            source: nil, terms: [:], body: frontMatter.body, bodyLineOffset: frontMatter.bodyLineOffset)
        guard let root = reader.root(of: frontMatter.yaml),
            let pairs = reader.pairs(of: root, what: "front matter")
        else { return nil }
        EditorSlips.checkKeys(pairs, fixed: fixedKeys, vocabularies: vocabularyKeys, reader: &reader)
        for (key, value) in pairs {
            switch key.value {
            case "title": entry.title = reader.nonEmptyProse(value, key: "title") ?? ""
            case "order":
                entry.order = reader.integer(value, key: "order")
                entry.orderLocation = reader.location(of: value)
            case "summary": entry.summary = reader.prose(value, key: "summary")
            case "source": entry.source = reader.prose(value, key: "source")
            case "draft": entry.isDraft = reader.boolean(value, key: "draft") ?? false
            case "aliases": entry.aliases = reader.stringList(value, key: "aliases") ?? []
            default:
                if vocabularyKeys.contains(key.value) {
                    entry.terms[key.value] = reader.stringList(value, key: key.value) ?? []
                }
            }
        }
        if !pairs.contains(where: { $0.key.value == "title" }) {
            reader.error(
                at: SourceLocation(path: text.path, line: 1, column: 1),
                "entry has no 'title' in its front matter")
        }
        if entry.title.isEmpty { entry.title = slug }
        if let warning = EditorSlips.placeholderLeft(
            in: frontMatter.body, bodyLineOffset: frontMatter.bodyLineOffset, path: text.path)
        {
            diagnostics.append(warning)
        }
        return entry
    }
}
