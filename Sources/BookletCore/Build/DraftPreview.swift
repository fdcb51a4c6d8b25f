/// The errors a build gives for drafts that a preview rendering drafts would lose: with
/// `Options.includeDrafts` a draft is an entry, so a link or handout naming it resolves.
/// `booklet build` refuses both, and the preview must say so too.
enum DraftPreview {
    /// An error at every link of a published entry, and every handout item, that names a draft.
    static func namesOfDrafts(in booklet: LinkedBooklet, drafts: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for entry in booklet.entries where !drafts.contains(entry.id) {
            for (link, resolved) in zip(entry.document.links, entry.links) {
                guard case .entry(let target, _)? = resolved else { continue }
                let id = booklet.entries[target].id
                if drafts.contains(id) { diagnostics.append(.error(link.location, LinkResolver.draftMessage(id))) }
            }
        }
        for handout in booklet.config.handouts {
            for id in handout.entries {
                let resolved = (booklet.entryIndex[id.value] ?? booklet.aliasIndex[id.value]).map {
                    booklet.entries[$0].id
                }
                if let resolved, drafts.contains(resolved) {
                    diagnostics.append(.error(id.location, LinkResolver.draftMessage(resolved)))
                }
            }
        }
        return diagnostics
    }
}
