import Foundation

/// Ranks, for each entry, the entries that share its rarer terms.
///
/// Score of B for A = sum over terms both carry of log(N / entries-with-term) (inverse
/// document frequency), so a term that tags half the booklet says little and a rare one a
/// lot. Only scores of at least `minimumScore` count, so entries that share nothing or only
/// very common terms never appear; ties fall back to reading order, so output is stable.
enum RelatedEntries {
    static let limit = 5
    static let minimumScore = 1.0
    /// For a very common term, only this many co-tagged entries nearest in reading order are
    /// considered, which keeps the work linear in the corpus size.
    static let window = 128

    static func fill(_ booklet: inout LinkedBooklet) async {
        let count = booklet.entries.count
        guard count > 1 else { return }
        let snapshot = booklet
        let related = await Array(0..<count).concurrentMap { index in
            ranked(for: index, in: snapshot, total: Double(count))
        }
        for index in 0..<count { booklet.entries[index].related = related[index] }
    }

    static func ranked(for index: Int, in booklet: LinkedBooklet, total: Double) -> [Int] {
        var scores: [Int: Double] = [:]
        for reference in booklet.entries[index].terms {
            let postings = booklet.vocabularies[reference.vocabulary].entriesByTerm[reference.term]
            guard postings.count > 1 else { continue }
            let weight = log(total / Double(postings.count))
            guard weight > 0 else { continue }
            for other in nearby(index, in: postings) where other != index {
                scores[other, default: 0] += weight
            }
        }
        // The best `limit` by score, then reading order, kept sorted as they are found:
        // sorting every candidate would cost more than the scoring itself.
        var best: [(key: Int, value: Double)] = []
        for candidate in scores where candidate.value >= minimumScore - 1e-9 {
            guard best.count < limit || precedes(candidate, best[best.count - 1]) else { continue }
            let position = best.firstIndex { precedes(candidate, $0) } ?? best.count
            best.insert(candidate, at: position)
            if best.count > limit { best.removeLast() }
        }
        return best.map(\.key)
    }

    private static func precedes(_ a: (key: Int, value: Double), _ b: (key: Int, value: Double)) -> Bool {
        a.value != b.value ? a.value > b.value : a.key < b.key
    }

    /// The postings around `index` (postings are sorted by reading order).
    private static func nearby(_ index: Int, in postings: [Int]) -> ArraySlice<Int> {
        guard postings.count > window else { return postings[...] }
        var low = 0
        var high = postings.count
        while low < high {
            let mid = (low + high) / 2
            if postings[mid] < index { low = mid + 1 } else { high = mid }
        }
        let start = max(0, min(low - window / 2, postings.count - window))
        return postings[start..<(start + window)]
    }
}
