import Foundation
import Testing

@testable import BookletCore

@Suite("Taxonomy")
struct TaxonomyTests {
    @Test func termsListTheirEntriesInReadingOrder() async throws {
        let (booklet, _) = try await TemporaryCorpus().link()
        let topics = try #require(booklet.vocabularyIndex["topics"].map { booklet.vocabularies[$0] })
        let frame = try #require(topics.termIndex["the-frame"])
        #expect(
            topics.entriesByTerm[frame].map { booklet.entries[$0].id } == [
                "rules/confidentiality", "rules/the-frame", "moves/shutting-up",
            ])
    }

    @Test func backlinksListEntriesThatLinkHere() async throws {
        let (booklet, _) = try await TemporaryCorpus().link()
        let target = try #require(booklet.entryIndex["moves/shutting-up"])
        #expect(booklet.entries[target].backlinks.map { booklet.entries[$0].id } == ["rules/confidentiality"])
        let confidentiality = try #require(booklet.entryIndex["rules/confidentiality"])
        #expect(booklet.entries[confidentiality].backlinks.map { booklet.entries[$0].id } == ["rules/the-frame"])
    }

    @Test func relatedEntriesNeedASharedRareTerm() async throws {
        // Four entries tagged 'the-frame' (common) and two sharing 'silence' (rarer).
        let corpus = try TemporaryCorpus([
            "moves/extra.md": "---\ntitle: Extra\ntopics: [the-frame]\n---\nText.\n",
            "moves/lonely.md": "---\ntitle: Lonely\ntopics: [confidentiality]\n---\nText.\n",
        ])
        let (booklet, _) = try await corpus.link()
        func related(_ id: String) -> [String] {
            booklet.entries[booklet.entryIndex[id]!].related.map { booklet.entries[$0].id }
        }
        // 'silence' tags 2 of 5 entries: log(5/2) = 0.92 < 1, so it alone is not enough;
        // the-frame tags 4 of 5: log(5/4) = 0.22. Together 1.14 >= 1.
        #expect(related("moves/shutting-up") == ["rules/the-frame"])
        #expect(related("moves/extra") == [], "sharing only a common term is not related")
        // 'confidentiality' tags 2 of 5 (0.92) + the-frame... lonely has only confidentiality.
        #expect(related("moves/lonely") == [])
    }

    @Test func unusedTermIsAWarningAtItsDeclaration() async throws {
        let taxonomy = TemporaryCorpus.validFiles["taxonomy.yml"]! + "\n      - id: empathy\n        title: Empathy\n"
        let corpus = try TemporaryCorpus(["taxonomy.yml": taxonomy])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("taxonomy.yml")):20:9: warning: topics term 'empathy' is not used by any entry"
            ])
    }

    @Test func seeAlsoNamingAnUnknownTermIsAnError() async throws {
        let taxonomy = TemporaryCorpus.validFiles["taxonomy.yml"]!.replacingOccurrences(
            of: "see: [confidentiality]", with: "see: [confidentialty]")
        let corpus = try TemporaryCorpus(["taxonomy.yml": taxonomy])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("taxonomy.yml")):17:15: error: unknown term 'confidentialty' in 'see' of 'the-frame'; did you mean 'confidentiality'?"
            ])
    }

    @Test func duplicateTermIdIsAnError() async throws {
        let taxonomy = TemporaryCorpus.validFiles["taxonomy.yml"]! + "\n      - id: silence\n        title: Quiet\n"
        let corpus = try TemporaryCorpus(["taxonomy.yml": taxonomy])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("taxonomy.yml")):20:13: error: term 'silence' is declared twice in 'topics' (first at line 18)"
            ])
    }

    @Test func displayTitlesAreUsedExactlyAsWritten() async throws {
        let taxonomy = TemporaryCorpus.validFiles["taxonomy.yml"]!.replacingOccurrences(
            of: "title: Silence", with: "title: sILence – Ürgrund 沈黙")
        let corpus = try TemporaryCorpus(["taxonomy.yml": taxonomy])
        _ = try await corpus.build()
        #expect(try corpus.outputText("topics/silence.html").contains("<h1>sILence – Ürgrund 沈黙</h1>"))
    }

    @Test func comparisonEntryWithoutAColumnHeadingIsAnError() async throws {
        let taxonomy = TemporaryCorpus.validFiles["taxonomy.yml"]!.replacingOccurrences(
            of: "    title: Leader moves", with: "    title: Leader moves\n    compare: [Balint groups, PPDGs]")
        let corpus = try TemporaryCorpus([
            "taxonomy.yml": taxonomy,
            "moves/shutting-up.md":
                "---\ntitle: Shutting up\ntopics: [silence, the-frame]\n---\n## Balint groups\n\nQuiet.\n\n## Why\n\nText.\n",
        ])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/shutting-up.md")):5:1: error: entry of comparison section 'moves' has no heading '## PPDGs'"
            ])
    }

    @Test func comparisonSectionPageShowsColumnsSideBySide() async throws {
        let taxonomy = TemporaryCorpus.validFiles["taxonomy.yml"]!.replacingOccurrences(
            of: "    title: Leader moves", with: "    title: Leader moves\n    compare: [Balint groups, PPDGs]")
        let corpus = try TemporaryCorpus([
            "taxonomy.yml": taxonomy,
            "moves/shutting-up.md":
                "---\ntitle: Shutting up\ntopics: [silence, the-frame]\n---\nIntro.\n\n## Balint groups\n\nQuiet.\n\n## PPDGs\n\nTalk.\n\n## Why\n\nReason.\n",
        ])
        _ = try await corpus.build()
        let page = try corpus.outputText("moves/index.html")
        #expect(page.contains("<th scope=\"col\">Balint groups</th><th scope=\"col\">PPDGs</th>"))
        #expect(page.contains("<td data-column=\"Balint groups\"><p>Quiet.</p>\n</td>"))
        #expect(page.contains("<td data-column=\"PPDGs\"><p>Talk.</p>\n<h2 id=\"why\">Why</h2>\n<p>Reason.</p>\n</td>"))
    }

    @Test func firstMentionOfATermLinksToItsPageOnce() async throws {
        let corpus = try TemporaryCorpus([
            "moves/mentions.md": """
            ---
            title: Mentions
            topics: [silence]
            ---
            ## Silence in headings stays plain

            Silence helps. More silence helps too. `silence` in code stays.
            [A link about silence](shutting-up.md) stays. Keep it confidential.
            """
        ])
        _ = try await corpus.build()
        let page = try corpus.outputText("moves/mentions.html")
        #expect(page.contains("<h2 id=\"silence-in-headings-stays-plain\">Silence in headings stays plain</h2>"))
        #expect(
            page.contains(
                "<p><a class=\"term-mention\" href=\"../topics/silence.html\">Silence</a> helps. More silence helps too. <code>silence</code> in code stays.\n<a href=\"../moves/shutting-up.html\">A link about silence</a> stays. Keep it <a class=\"term-mention\" href=\"../topics/confidentiality.html\">confidential</a>.</p>"
            ))
    }

    @Test func termMentionsCanBeSwitchedOff() async throws {
        let config = TemporaryCorpus.validFiles["booklet.yml"]! + "\nlink-term-mentions: false\n"
        let corpus = try TemporaryCorpus(["booklet.yml": config])
        _ = try await corpus.build()
        #expect(try !corpus.outputText("moves/shutting-up.html").contains("term-mention"))
    }

    @Test func handoutNamingAMissingEntryIsAnErrorAtItsLine() async throws {
        let config = TemporaryCorpus.validFiles["booklet.yml"]!.replacingOccurrences(
            of: "  - rules/confidentiality", with: "  - rules/confidentiality\n      - rules/confidentialty")
        let corpus = try TemporaryCorpus(["booklet.yml": config])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("booklet.yml")):12:9: error: handout 'welcome' names unknown entry 'rules/confidentialty'; did you mean 'rules/confidentiality'?"
            ])
    }

    @Test func termPagesExistForEveryTermAndListEntriesBySection() async throws {
        let corpus = try TemporaryCorpus()
        _ = try await corpus.build()
        for term in ["confidentiality", "the-frame", "silence"] {
            #expect(FileManager.default.fileExists(atPath: corpus.output + "/topics/\(term).html"))
        }
        let frame = try corpus.outputText("topics/the-frame.html")
        #expect(frame.contains("<h3><a href=\"../rules/index.html\">1. Ground rules</a></h3>"))
        #expect(frame.contains("<h3><a href=\"../moves/index.html\">2. Leader moves</a></h3>"))
        #expect(frame.contains("See also:</span> <a href=\"../topics/confidentiality.html\">Confidentiality</a>"))
        let index = try corpus.outputText("topics/index.html")
        #expect(
            index.contains(
                "<dt><a href=\"../topics/confidentiality.html\">Confidentiality</a> <span class=\"count\">(1)</span></dt>"
            ))
    }
}

/// `TermMentions`: whole words, case-insensitive, longest phrase first; the byte path for
/// ASCII text finds exactly what the scalar path finds.
@Suite("Term mentions")
struct TermMentionTests {
    static let mentions: TermMentions = {
        let location = SourceLocation(path: "content/taxonomy.yml")
        let titles: [(String, [String])] = [
            ("Group", []), ("Group leader", ["co-leader"]), ("Grief", []), ("Gr", []), ("Leader's role", []),
            ("Silence", ["silent moments"]),
        ]
        let terms = titles.enumerated().map { index, title in
            Term(
                id: "t\(index)", title: title.0, definitionSource: nil, aliases: title.1, see: [], location: location)
        }
        let vocabulary = Vocabulary(key: "topics", title: "Topics", terms: terms, location: location)
        return TermMentions(vocabularies: [
            LinkedVocabulary(
                vocabulary: vocabulary, entriesByTerm: terms.map { _ in [] }, termIndex: [:],
                seeAlso: terms.map { _ in [] })
        ])
    }()

    static func found(_ text: String) -> [String] {
        let matches = mentions.matches(in: text) { _ in true }.map { String(text.unicodeScalars[$0.range]) }
        // The same text past the ASCII path: a trailing non-ASCII word sends it down the Unicode path.
        let unicode = text + " é"
        #expect(mentions.matches(in: unicode) { _ in true }.map { String(unicode.unicodeScalars[$0.range]) } == matches)
        return matches
    }

    @Test func longestWholeWordPhrasesMatchCaseInsensitively() {
        #expect(Self.found("The GROUP LEADER and the group.") == ["GROUP LEADER", "group"])
        #expect(Self.found("Groups grieve; grief is a co-leader's") == ["grief", "co-leader"])
        #expect(Self.found("leader's role, Leader’s role") == ["leader's role", "Leader’s role"])
        #expect(Self.found("gr is too short; silent moments") == ["silent moments"])
        #expect(Self.found("a g") == [])
        #expect(Self.found("silence") == ["silence"])
    }

    @Test func anUnwantedLongerPhraseIsPassedOverWhole() {
        let text = "group leader and group"
        for text in [text, text + " é"] {
            let found = Self.mentions.matches(in: text) { $0.term != 1 }
            // "Group leader" (already linked) is one name: its first word is not "Group".
            #expect(found.map { text.unicodeScalars.distance(from: text.startIndex, to: $0.range.lowerBound) } == [17])
            #expect(found.map { String(text.unicodeScalars[$0.range]) } == ["group"])
        }
    }
}
