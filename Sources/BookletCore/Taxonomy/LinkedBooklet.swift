/// A link target after resolution against the whole corpus.
public enum ResolvedLink: Sendable, Hashable {
    /// Another entry (by index into `LinkedBooklet.entries`), optionally at a heading id.
    case entry(Int, fragment: String?)
    /// A term page: vocabulary index and term index.
    case term(vocabulary: Int, term: Int)
    /// A URL outside the booklet.
    case external(String)
    /// A heading of the same entry.
    case fragment(String)
    /// An image or attached file, by index into `LinkedBooklet.files`.
    case file(Int)
}

/// Markdown parsed once, with its links resolved: what the body renderers walk.
public struct LinkedBody: Sendable {
    public var parsed: ParsedBody
    /// `links[n]` is where the body's `n`th link or image leads; nil where it is broken
    /// (and reported).
    public var links: [ResolvedLink?]

    /// An empty body.
    public static let empty = LinkedBody(parsed: ParsedBody(), links: [])

    /// Where the link or image of `event` leads; nil when it is broken.
    func target(of event: ParsedBody.Event) -> ResolvedLink? {
        links.indices.contains(event.linkIndex) ? links[event.linkIndex] : nil
    }
}

/// A reference from an entry to a term, by indexes into `LinkedBooklet.vocabularies`.
public struct TermReference: Sendable, Hashable {
    public var vocabulary: Int
    public var term: Int
}

/// One entry with everything the renderers need: number, neighbours, terms, resolved links,
/// backlinks and related entries.
public struct LinkedEntry: Sendable {
    public var source: EntrySource
    public var document: EntryDocument
    /// Index of its section in `LinkedBooklet.sections`.
    public var section: Int
    /// "3.2": section number, then position within the section.
    public var number: String
    /// Terms from the front matter, valid ones only, in vocabulary then written order.
    public var terms: [TermReference]
    /// Where each link and image of the body leads, in the body's order (`document.links`);
    /// nil where it is broken (and reported).
    public var links: [ResolvedLink?]
    /// Entries whose bodies link here, in reading order.
    public var backlinks: [Int]
    /// Up to five entries sharing rare terms, best first.
    public var related: [Int]
    /// Files the body links to (not its images), by index into `LinkedBooklet.files`, in
    /// the order first linked: listed on the entry page with their sizes.
    public var attachments: [Int] = []

    public var id: String { source.id }
    public var title: String { source.title }
    /// The parsed body with its resolved links.
    public var body: LinkedBody { LinkedBody(parsed: document.body, links: links) }
}

/// A section with its number and its entries (indexes into `LinkedBooklet.entries`).
public struct LinkedSection: Sendable {
    public var section: Section
    public var number: Int
    public var entries: [Int]
}

/// A vocabulary with, for each term, the entries tagged with it (reading order).
public struct LinkedVocabulary: Sendable {
    public var vocabulary: Vocabulary
    /// `entriesByTerm[t]` lists the entries tagged with `vocabulary.terms[t]`.
    public var entriesByTerm: [[Int]]
    /// Term id -> index in `vocabulary.terms`.
    public var termIndex: [String: Int]
    /// For each term, its `see:` terms resolved to indexes.
    public var seeAlso: [[Int]]
}

/// A handout with its entries resolved.
public struct LinkedHandout: Sendable {
    public var handout: Handout
    /// Its entries in the order listed, each once.
    public var entries: [Int]
}

/// The whole booklet after linking: the one value every renderer reads (HTML site, print
/// page, plain text, handouts), so none of them recomputes numbers, references or indexes.
public struct LinkedBooklet: Sendable {
    public var config: BookletConfig
    public var sections: [LinkedSection]
    public var vocabularies: [LinkedVocabulary]
    /// All entries in reading order.
    public var entries: [LinkedEntry]
    public var handouts: [LinkedHandout]
    /// Entry id -> index in `entries`.
    public var entryIndex: [String: Int]
    /// Vocabulary key -> index in `vocabularies`.
    public var vocabularyIndex: [String: Int]
    /// Valid `aliases:` (old entry ids) -> index in `entries`, for redirect pages and old links.
    public var aliasIndex: [String: Int] = [:]
    /// The Markdown of the configuration files (section summaries, term definitions,
    /// handout memos, the footer), parsed and linked, by its text.
    public var snippets: [String: LinkedBody]
    /// The entries' body words for the search index (postings by entry index).
    public var bodyWords: BodyWords
    /// The content folder's images and other files, sorted by path; those `used` are
    /// published under `files/`.
    public var files: [ContentFile] = []
    /// Indexes into `files` of the files some entry, snippet or the logo uses, ascending.
    public var usedFiles: [Int] = []
    /// The logo (`logo:` in booklet.yml), by index into `files`.
    public var logo: Int?

    /// The parsed and linked form of `markdown`, a snippet of the configuration files.
    public func snippet(_ markdown: String) -> LinkedBody { snippets[markdown] ?? .empty }

    /// The entry before `index` in reading order, across sections.
    public func previous(_ index: Int) -> Int? { index > 0 ? index - 1 : nil }
    /// The entry after `index` in reading order, across sections.
    public func next(_ index: Int) -> Int? { index + 1 < entries.count ? index + 1 : nil }
}
