/// The entry an editor most likely meant by an id that names none: a misspelling of the
/// whole id, the same file name in another section (a link missing `../`, an entry moved
/// to another section), a misspelt file name, or a renamed file that shares most words.
enum EntrySuggestion {
    /// The id in `ids` nearest to `id`, or nil when none is plausible.
    static func nearest(to id: String, in ids: [String]) -> String? {
        if let whole = Suggestion.nearest(to: id, in: ids) { return whole }
        let wanted = fileName(id)
        let sorted = ids.sorted()
        if let same = sorted.first(where: { fileName($0) == wanted }) { return same }
        if let near = Suggestion.nearest(to: wanted, in: sorted.map(fileName)) {
            return sorted.first { fileName($0) == near }
        }
        // A renamed file: the one sharing the largest part of its words, if at least half.
        let words = Set(wanted.split(separator: "-"))
        var best: (share: Double, id: String)?
        for candidate in sorted {
            let other = Set(fileName(candidate).split(separator: "-"))
            let share = Double(words.intersection(other).count) / Double(max(1, words.union(other).count))
            if share >= 0.5, share > (best?.share ?? 0) { best = (share, candidate) }
        }
        return best?.id
    }

    /// How an entry of `fromSection` links to `id` (`fromSection` "" for the configuration
    /// files, whose links start at the content folder).
    static func relativePath(to id: String, fromSection: String) -> String {
        let section = id.split(separator: "/").first.map(String.init) ?? ""
        if fromSection.isEmpty { return id + ".md" }
        return section == fromSection ? fileName(id) + ".md" : "../" + id + ".md"
    }

    private static func fileName(_ id: String) -> String {
        id.split(separator: "/").last.map(String.init) ?? id
    }
}
