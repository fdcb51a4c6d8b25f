/// Resolves one link of an entry body against the corpus, or explains why it is broken.
struct LinkResolver {
    let booklet: LinkedBooklet
    private let vocabularyKeys: Set<String>
    private let entryIDs: [String]
    /// Entries marked `draft: true`: not published, so links to them are broken.
    private let drafts: Set<String>
    /// The content folder's images and other files.
    let files: FileIndex

    init(booklet: LinkedBooklet, drafts: Set<String> = []) {
        self.booklet = booklet
        self.drafts = drafts
        files = FileIndex(booklet.files)
        vocabularyKeys = Set(booklet.vocabularies.map(\.vocabulary.key))
        entryIDs = booklet.entries.map(\.id)
    }

    /// Resolves `link` written in an entry of `sectionID` (or "" for Markdown in the
    /// configuration files, whose paths are relative to the content folder) in `document`
    /// (nil for those files). Headings are looked up in an index, so 40,000 `#fragment`
    /// links stay linear, and a missing one is compared with at most
    /// `suggestionCandidates` headings for a "did you mean", so 40,000 broken ones do too.
    /// A link to an entry's old id (`aliases:`) resolves to the entry and adds a warning to
    /// `warnings`, so the editor updates it.
    func resolve(
        _ link: LinkOccurrence, sectionID: String, in document: EntryDocument?, warnings: inout [Diagnostic]
    ) -> Result<ResolvedLink, Diagnostic> {
        let destination = link.destination
        func fail(_ message: String) -> Result<ResolvedLink, Diagnostic> { .failure(.error(link.location, message)) }
        if link.isImage { return resolveImage(link, folder: sectionID, warnings: &warnings) }
        switch LinkDestination.classify(destination, vocabularies: vocabularyKeys) {
        case .empty:
            return fail("link has no destination")
        case .external(let url):
            return .success(.external(url))
        case .unsafe(let scheme):
            return fail("'\(scheme):' links are not allowed; they could run code or read the reader's files")
        case .unknownScheme(let scheme):
            let hint = Suggestion.hint(for: scheme, in: vocabularyKeys.sorted())
            return fail("unknown vocabulary or URL scheme '\(scheme):'\(hint)")
        case .absolutePath(let path):
            return fail(
                "absolute link '\(path)' will not work offline; link to the entry's .md file with a relative path")
        case .otherRelative(let path):
            if let file = resolveAttachment(path, folder: sectionID, location: link.location) { return file }
            return fail("link '\(path)' does not name an entry; cross-references link to an entry's .md file")
        case .fragment(let fragment):
            guard let document, document.headingIndex[fragment] != nil else {
                return fail("no heading '#\(fragment)' here\(Self.headingHint(for: fragment, in: document))")
            }
            return .success(.fragment(fragment))
        case .term(let key, let termID):
            guard let v = booklet.vocabularyIndex[key] else { return fail("unknown vocabulary '\(key)'") }
            let vocabulary = booklet.vocabularies[v]
            guard let term = vocabulary.termIndex[termID] else {
                return fail(
                    "unknown \(key) term '\(termID)'\(TermSuggestion.hint(for: termID.removingPercentEncodingIfPossible, in: vocabulary.vocabulary))"
                )
            }
            return .success(.term(vocabulary: v, term: term))
        case .entryPath(let path, let fragment):
            guard let id = Self.entryID(relativePath: path, fromSection: sectionID) else {
                return fail("link '\(path)' leaves the content folder")
            }
            guard let target = booklet.entryIndex[id] ?? booklet.aliasIndex[id] else {
                if drafts.contains(id) { return fail(Self.draftMessage(id)) }
                let hint = EntrySuggestion.nearest(to: id, in: entryIDs).map {
                    "; did you mean '\(EntrySuggestion.relativePath(to: $0, fromSection: sectionID))'?"
                }
                return fail("no entry '\(id)' for link '\(path)'\(hint ?? "")")
            }
            if let fragment {
                let document = booklet.entries[target].document
                guard document.headingIndex[fragment] != nil else {
                    return fail(
                        "entry '\(id)' has no heading '#\(fragment)'\(Self.headingHint(for: fragment, in: document))")
                }
            }
            if booklet.entryIndex[id] == nil {
                let current = booklet.entries[target].id
                let updated = EntrySuggestion.relativePath(to: current, fromSection: sectionID)
                warnings.append(
                    .warning(
                        link.location,
                        "'\(id)' is an old address (alias) of entry '\(current)'; the link works, but update it to '\(updated)\(fragment.map { "#" + $0 } ?? "")'"
                    ))
            }
            return .success(.entry(target, fragment: fragment))
        }
    }

    /// Why a link or handout may not name a draft.
    static func draftMessage(_ id: String) -> String {
        "entry '\(id)' is a draft (draft: true) and is not published; remove the link, or publish the entry"
    }

    /// Headings compared with a missing fragment: a real entry has a few dozen.
    static let suggestionCandidates = 1_000

    /// "; did you mean '#x'?" for the nearest of the first `suggestionCandidates` headings.
    private static func headingHint(for fragment: String, in document: EntryDocument?) -> String {
        guard let document else { return "" }
        return Suggestion.hint(for: fragment, in: document.headings.prefix(suggestionCandidates).lazy.map(\.id))
    }

    /// `<section>/<slug>` for a relative `.md` path written in an entry of `section`,
    /// or nil when the path climbs out of the content folder.
    static func entryID(relativePath: String, fromSection section: String) -> String? {
        var components = section.isEmpty ? [] : [section]
        for part in relativePath.removingPercentEncodingIfPossible.split(
            separator: "/", omittingEmptySubsequences: true)
        {
            switch part {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(part))
            }
        }
        let joined = components.joined(separator: "/")
        return joined.hasSuffix(".md") ? String(joined.dropLast(3)) : joined
    }
}

extension String {
    /// The string with `%XX` escapes decoded (cmark percent-encodes link destinations), or
    /// itself when the escapes do not decode to UTF-8.
    var removingPercentEncodingIfPossible: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        let source = Array(utf8)
        var index = 0
        while index < source.count {
            // A '%' not followed by two hex digits stays as written, and so do the bytes after it.
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count,
                let value = UInt8(String(decoding: source[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}
