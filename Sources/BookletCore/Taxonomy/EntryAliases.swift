/// The old ids an entry lists under `aliases:`, checked so that each redirect page has an
/// address of its own: `old-section/old-name`, never a published page's address.
enum EntryAliases {
    /// Alias id -> index in `corpus.entries` for every valid alias; each invalid one is an
    /// error where it is written.
    static func index(_ corpus: Corpus, entryIndex: [String: Int], diagnostics: inout [Diagnostic]) -> [String: Int] {
        let generatedFolders = Set(corpus.taxonomy.vocabularies.map(\.key)).union(Identifier.reservedTopLevelNames)
        var index: [String: Int] = [:]
        for (entryNumber, entry) in corpus.entries.enumerated() {
            for alias in entry.aliases {
                let id = alias.value
                if let problem = problem(id, of: entry, entryIndex: entryIndex, drafts: corpus.drafts, generatedFolders: generatedFolders) {
                    diagnostics.append(.error(alias.location, problem))
                    continue
                }
                if let other = index[id] {
                    if other == entryNumber {
                        diagnostics.append(.warning(alias.location, "alias '\(id)' is listed twice"))
                    } else {
                        diagnostics.append(
                            .error(
                                alias.location,
                                "alias '\(id)' is already an alias of entry '\(corpus.entries[other].id)'; an old address can lead to one entry only"
                            ))
                    }
                    continue
                }
                index[id] = entryNumber
            }
        }
        return index
    }

    /// Why `id` cannot be an alias of `entry`, or nil when it can.
    private static func problem(
        _ id: String, of entry: EntrySource, entryIndex: [String: Int], drafts: Set<String>,
        generatedFolders: Set<String>
    ) -> String? {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, Identifier.isValid(parts[0]), Identifier.isValid(parts[1]) else {
            let cleaned = id.hasSuffix(".md") ? String(id.dropLast(3)) : id.hasSuffix(".html") ? String(id.dropLast(5)) : id
            let suggestion = cleaned.split(separator: "/").map { Identifier.suggested(from: String($0)) }
            let hint = suggestion.count == 2 && suggestion.allSatisfy(Identifier.isValid)
                ? "; did you mean '\(suggestion.joined(separator: "/"))'?" : ""
            return "alias '\(id)' is not an entry id; write the old address as '<section>/<name>', without '.md'\(hint)"
        }
        if id == entry.id { return "alias '\(id)' is this entry's own id; remove it" }
        if entryIndex[id] != nil || drafts.contains(id) {
            return "alias '\(id)' is the id of another entry, whose page is at that address; remove the alias or rename that entry"
        }
        if parts[1] == "index" { return "alias '\(id)' would replace the page of section '\(parts[0])'; an entry cannot be named 'index'" }
        if generatedFolders.contains(parts[0]) {
            return "alias '\(id)' is inside '\(parts[0])/', where Booklet writes its own pages; an alias is an entry's old address, '<section>/<name>'"
        }
        return nil
    }
}
