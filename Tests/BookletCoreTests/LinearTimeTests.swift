import Foundation
import Testing

@testable import BookletCore

/// Inputs that used to take time quadratic in their size (issue 20). Each benchmark runs
/// the same work at n and 4n: linear work takes about 4 times as long, quadratic 16 times;
/// the test fails above 9 (best of two runs each, so a busy machine does not fail it).
/// Sizes are chosen so the quadratic versions took seconds in a debug build.
@Suite struct LinearTimeTests {
    /// Best-of-two seconds for `work`.
    static func seconds(_ work: () -> Void) -> Double {
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<2 {
            let start = clock.now
            work()
            let elapsed = clock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return best
    }

    /// Expects `work(4n)` to take less than 9 times `work(n)` (20 ms at least, against noise).
    static func expectLinear(
        _ what: String, n: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation, _ work: (Int) -> Void
    ) {
        let small = seconds { work(n) }
        let large = seconds { work(4 * n) }
        #expect(
            large < 9 * max(small, 0.02), "ratio \(large / small) \(what): \(small) s at \(n), \(large) s at \(4 * n)",
            sourceLocation: sourceLocation)
    }

    static func scan(_ markdown: String) -> EntryDocument {
        EntryDocument.scan(markdown: markdown, lineOffset: 0, path: "content/a/b.md")
    }

    @Test func inlineLinksOnOneLine() {
        Self.expectLinear("[x](b.md) on one line", n: 2_000) { n in
            let document = Self.scan(String(repeating: "[x](b.md) ", count: n))
            #expect(document.links.count == n)
            #expect(document.links.last?.location.column == 10 * (n - 1) + 5)
        }
    }

    @Test func referenceLinksInOneParagraph() {
        Self.expectLinear("[x][r] in one paragraph", n: 2_000) { n in
            let document = Self.scan(String(repeating: "[x][r]\n", count: n) + "\n[r]: b.md\n")
            #expect(document.links.count == n)
        }
    }

    /// Distinct reference destinations each miss the paragraph; the search budget bounds them.
    @Test func distinctReferenceLinksInOneParagraph() {
        Self.expectLinear("[x][rN] in one paragraph", n: 1_000) { n in
            let uses = (0..<n).map { "[x][r\($0)]" }.joined(separator: " ")
            let definitions = (0..<n).map { "[r\($0)]: b\($0).md" }.joined(separator: "\n")
            #expect(Self.scan(uses + "\n\n" + definitions).links.count == n)
        }
    }

    @Test func repeatedHeadings() {
        Self.expectLinear("## a repeated", n: 1_500) { n in
            let document = Self.scan(String(repeating: "## a\n\n", count: n))
            #expect(document.headings.last?.id == "a-\(n)")
        }
    }

    /// The suffix scheme is unchanged: the text, then `-2`, `-3`, ..., skipping ids taken
    /// by headings written with a suffix.
    @Test func repeatedHeadingIDsKeepTheirScheme() {
        let ids = Self.scan("## a\n\n## a-3\n\n## a\n\n## a\n\n## a\n\n## a-2\n").headings.map(\.id)
        #expect(ids == ["a", "a-3", "a-2", "a-4", "a-5", "a-2-2"])
    }

    @Test func fragmentLinksAcrossEntries() async throws {
        func corpus(_ n: Int) throws -> TemporaryCorpus {
            try TemporaryCorpus([
                "moves/shutting-up.md": "---\ntitle: Shutting up\n---\n"
                    + (0..<n).map { "## h\($0)\n" }.joined(separator: "\n") + "\n## Why\n",
                "rules/the-frame.md": "---\ntitle: The frame\n---\n"
                    + (0..<n).map { "[x](../moves/shutting-up.md#h\($0))" }.joined(separator: "\n") + "\n",
            ])
        }
        let small = try corpus(1_500)
        let large = try corpus(6_000)
        let clock = ContinuousClock()
        var times: [Duration] = []
        // The whole build: links are checked in `link`, and named with their heading in
        // booklet.txt.
        for corpus in [small, large, small, large] {
            let start = clock.now
            let report = try await corpus.build()
            times.append(clock.now - start)
            #expect(report.succeeded, "\(report.lines.prefix(3))")
        }
        let smallTime = min(times[0], times[2])
        let largeTime = min(times[1], times[3])
        #expect(largeTime < max(smallTime, .milliseconds(20)) * 9, "\(smallTime) at 1,500, \(largeTime) at 6,000")
    }

    /// A broken fragment is compared with at most `suggestionCandidates` headings, so
    /// 40,000 broken links against 40,000 headings cost linear time; a typo near the top
    /// of a long entry still gets its "did you mean".
    @Test func brokenFragmentsCompareWithABoundedNumberOfHeadings() async throws {
        let count = LinkResolver.suggestionCandidates + 500
        let corpus = try TemporaryCorpus([
            "moves/shutting-up.md": "---\ntitle: Shutting up\n---\n"
                + (0..<count).map { "## heading \($0)\n" }.joined(separator: "\n") + "\n## Last words\n",
            "rules/the-frame.md": "---\ntitle: The frame\n---\n[x](../moves/shutting-up.md#heading-1x)\n\n"
                + "[y](../moves/shutting-up.md#last-wordz)\n",
        ])
        let (_, diagnostics) = try await corpus.link()
        let messages = diagnostics.filter { $0.location.path.hasSuffix("the-frame.md") }.map(\.message)
        #expect(
            messages == [
                "entry 'moves/shutting-up' has no heading '#heading-1x'; did you mean 'heading-1'?",
                "entry 'moves/shutting-up' has no heading '#last-wordz'",
            ], "\(messages)")
    }

    static func mentions(alias: String) -> TermMentions {
        let location = SourceLocation(path: "content/taxonomy.yml", line: 1, column: 1)
        let term = Term(
            id: "long", title: "Long", definitionSource: nil, aliases: [alias], see: [], location: location)
        let vocabulary = Vocabulary(key: "topics", title: "Topics", terms: [term], location: location)
        return TermMentions(vocabularies: [
            LinkedVocabulary(vocabulary: vocabulary, entriesByTerm: [[]], termIndex: ["long": 0], seeAlso: [[]])
        ])
    }

    /// A very long alias that the text nearly repeats: every word compared the whole alias.
    @Test func termMentionsWithAVeryLongAlias() {
        Self.expectLinear("a long alias nearly mentioned", n: 3_000) { n in
            let matcher = Self.mentions(alias: String(repeating: "ab ", count: n) + "end")
            let text = String(repeating: "ab ", count: 2 * n)
            #expect(matcher.matches(in: text) { _ in true }.isEmpty)
            #expect(matcher.matches(in: text + "é") { _ in true }.isEmpty)
        }
    }

    @Test func aliasesUpToTheLimitAreStillFound() {
        let alias = String(repeating: "x", count: TermMentions.longestPhrase)
        let matcher = Self.mentions(alias: alias)
        #expect(matcher.matches(in: "see \(alias).") { _ in true }.count == 1)
        let tooLong = Self.mentions(alias: alias + "x")
        #expect(tooLong.matches(in: "see \(alias)x.") { _ in true }.isEmpty)
    }
}
