/// "Did you mean" suggestions: the known name closest to a misspelt one.
public enum Suggestion {
    /// The candidate nearest to `name` by case-folded edit distance, if it is close enough
    /// to be a plausible typo (at most a third of the name's length, and at least 1 edit allowed).
    /// Ties are broken by the candidates' sort order, so the answer is deterministic.
    public static func nearest<S: Sequence>(to name: String, in candidates: S) -> String?
    where S.Element == String {
        let folded = Array(Words.fold(name).unicodeScalars)
        let limit = max(1, min(3, (folded.count + 2) / 3))
        var best: (distance: Int, name: String)?
        for candidate in candidates {
            let distance = editDistance(folded, Array(Words.fold(candidate).unicodeScalars), limit: limit)
            guard distance <= limit else { continue }
            if let current = best, (current.distance, current.name) <= (distance, candidate) { continue }
            best = (distance, candidate)
        }
        return best?.name
    }

    /// "; did you mean 'x'?" or the empty string, ready to append to a message.
    public static func hint<S: Sequence>(for name: String, in candidates: S) -> String
    where S.Element == String {
        guard let nearest = nearest(to: name, in: candidates) else { return "" }
        return "; did you mean '\(nearest)'?"
    }

    /// Damerau-Levenshtein (optimal string alignment) distance, stopping early past `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
