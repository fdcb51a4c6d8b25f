/// Everything read from the content folder, validated for structure but not yet parsed as Markdown.
public struct Corpus: Sendable {
    public var config: BookletConfig
    public var taxonomy: TaxonomyConfig
    /// Entries in reading order: by section order, then (`order`, title, id); entries without
    /// `order` after those with one.
    public var entries: [EntrySource]
    /// Ids of the entries marked `draft: true`, left out of `entries` and of every output.
    public var drafts: Set<String> = []
    /// Images and other files kept in the content folder (not entries, not configuration),
    /// sorted by path; see `ContentFile` for where they live.
    public var files: [ContentFile] = []
    /// Paths of files whose names a draft beside them mentions: not published with the
    /// draft, and not reported as unused either.
    public var filesNamedByDrafts: Set<String> = []
    /// True when `taxonomy.yml` gave no sections because of an error in it: no entry can be
    /// placed, so entries are not read and the later stages are skipped, and the editor sees
    /// that one error instead of every section folder "not declared".
    public var sectionsUnreadable = false
}

extension Corpus {
    /// Frees the entries' Markdown once the parse stage has parsed it: from then on every
    /// stage reads the parsed bodies (`EntryDocument.body`), so a large corpus does not hold
    /// its text twice until it is rendered.
    public mutating func releaseBodies() {
        for index in entries.indices { entries[index].body = "" }
    }

    /// Sorts entries into reading order as the README defines it (by `order`, then title; entries without `order` last).
    static func readingOrder(_ entries: [EntrySource], sections: [Section]) -> [EntrySource] {
        let sectionRank = Dictionary(uniqueKeysWithValues: sections.enumerated().map { ($1.id, $0) })
        return entries.sorted { a, b in
            let sa = sectionRank[a.sectionID] ?? Int.max
            let sb = sectionRank[b.sectionID] ?? Int.max
            if sa != sb { return sa < sb }
            switch (a.order, b.order) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.title != b.title {
                return a.title.unicodeScalars.lexicographicallyPrecedes(b.title.unicodeScalars)
            }
            return a.id < b.id
        }
    }
}
