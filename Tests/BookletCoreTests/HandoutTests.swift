import Foundation
import Testing

@testable import BookletCore

/// Handouts: `<id>.txt` and `<id>.html`, one per `handouts:` item of booklet.yml.
@Suite("Handouts")
struct HandoutTests {
    static let bookletWithHandout = """
        title: Test Booklet
        text-width: 60
        handouts:
          - id: welcome
            title: Welcome
            memo: |
              We meet on *Tuesdays* in room 3.
            entries:
              - moves/shutting-up
              - rules/confidentiality
        """

    @Test func handoutNamingAMissingEntryIsAnErrorAtItsLine() async throws {
        let corpus = try TemporaryCorpus([
            "booklet.yml": Self.bookletWithHandout.replacingOccurrences(
                of: "rules/confidentiality", with: "rules/confidentialty")
        ])
        let report = try await corpus.check()
        #expect(
            report.lines.contains {
                $0.hasPrefix(corpus.path("booklet.yml") + ":10:")
                    && $0.contains("handout 'welcome' names unknown entry 'rules/confidentialty'")
                    && $0.contains("rules/confidentiality")
            }, "\(report.lines)")
        #expect(!report.succeeded)
    }

    @Test func badHandoutIdIsReportedAtTheIdAndAMissingOneAtTheItem() async throws {
        let bad = try TemporaryCorpus([
            "booklet.yml": Self.bookletWithHandout.replacingOccurrences(of: "id: welcome", with: "id: Welcome Day")
        ])
        #expect(
            try await bad.check().lines == [
                "\(bad.path("booklet.yml")):4:9: error: handout id 'Welcome Day' is not valid; \(Identifier.ruleDescription)"
            ])
        let missing = try TemporaryCorpus([
            "booklet.yml": Self.bookletWithHandout.replacingOccurrences(of: "id: welcome\n    ", with: "")
        ])
        #expect(
            try await missing.check().lines == [
                "\(missing.path("booklet.yml")):4:5: error: a handout needs an 'id'"
            ])
    }

    @Test func anEntryListedTwiceIsShownOnce() async throws {
        let corpus = try TemporaryCorpus([
            "booklet.yml": Self.bookletWithHandout + "\n      - moves/shutting-up\n"
        ])
        #expect(try await corpus.build().succeeded)
        let html = try corpus.outputText("welcome.html")
        #expect(html.components(separatedBy: "id=\"moves--shutting-up\"").count == 2)
        let text = try corpus.outputText("welcome.txt")
        #expect(text.components(separatedBy: "Shutting up\n").count == 2, "\(text)")
    }

    @Test func textHandoutHasTitleMemoThenEntriesInOrderAndNothingElse() async throws {
        let corpus = try TemporaryCorpus(["booklet.yml": Self.bookletWithHandout])
        let report = try await corpus.build(strict: false)
        #expect(report.succeeded)
        let text = try corpus.outputText("welcome.txt")
        #expect(text.hasPrefix("Welcome\n=======\n\nWe meet on Tuesdays in room 3.\n\n\nShutting up\n-----------\n"))
        let shutting = try #require(text.range(of: "Shutting up\n"))
        let confidentiality = try #require(text.range(of: "Confidentiality\n---------------"))
        #expect(shutting.lowerBound < confidentiality.lowerBound)
        // No contents, no index, no entry numbers, no vocabulary lines.
        for absent in ["Contents", "Index", "Topics:", "1.1", "The frame\n"] {
            #expect(!text.contains(absent), "\(absent)")
        }
    }

    /// An entry that names its source, for the credit tests: long enough to wrap at 60
    /// columns, with a character HTML must escape.
    static let creditedShuttingUp = """
        ---
        title: Shutting up
        topics: [silence, the-frame]
        source: Introduction to Balint Seminars -- Lee Scheingold, M.S.W. & the Salinas group leaders
        ---
        The leader is silent.

        ## Why

        Silence lets the group work.
        """

    @Test func textHandoutCreditsEachEntryWithItsSource() async throws {
        let corpus = try TemporaryCorpus([
            "booklet.yml": Self.bookletWithHandout, "moves/shutting-up.md": Self.creditedShuttingUp,
        ])
        #expect(try await corpus.build().succeeded)
        let text = try corpus.outputText("welcome.txt")
        // Wrapped as in booklet.txt, right after the entry's body and before the next entry.
        let credit =
            "Silence lets the group work.\n\nSource: Introduction to Balint Seminars – Lee Scheingold,\n"
            + "    M.S.W. & the Salinas group leaders\n\n\nConfidentiality\n"
        #expect(text.contains(credit), "\(text)")
        #expect(text.components(separatedBy: "Source:").count == 2, "an entry without a source gets no line")
        let booklet = try corpus.outputText("booklet.txt")
        #expect(booklet.contains("Source: Introduction to Balint Seminars – Lee Scheingold,\n    M.S.W. & the Salinas"))
    }

    @Test func htmlHandoutCreditsEachEntryWithItsSource() async throws {
        let corpus = try TemporaryCorpus([
            "booklet.yml": Self.bookletWithHandout, "moves/shutting-up.md": Self.creditedShuttingUp,
        ])
        #expect(try await corpus.build().succeeded)
        let html = try corpus.outputText("welcome.html")
        let credit =
            "<p class=\"source\"><span class=\"label\">Source:</span> Introduction to Balint Seminars"
            + " – Lee Scheingold, M.S.W. &amp; the Salinas group leaders</p>\n</article>"
        #expect(html.contains(credit), "\(html)")
        // In the shutting-up entry, not the confidentiality one, which names no source.
        let entry = try #require(html.range(of: "id=\"moves--shutting-up\""))
        let source = try #require(html.range(of: "class=\"source\""))
        let next = try #require(html.range(of: "id=\"rules--confidentiality\""))
        #expect(entry.upperBound < source.lowerBound && source.upperBound < next.lowerBound)
        #expect(html.components(separatedBy: "class=\"source\"").count == 2)
    }

    @Test func htmlHandoutKeepsLinksBetweenItsEntriesOnThePage() async throws {
        let corpus = try TemporaryCorpus(["booklet.yml": Self.bookletWithHandout])
        _ = try await corpus.build()
        let html = try corpus.outputText("welcome.html")
        #expect(html.contains("<article class=\"handout-entry\" id=\"moves--shutting-up\">"))
        #expect(html.contains("<article class=\"handout-entry\" id=\"rules--confidentiality\">"))
        // Confidentiality links to shutting-up#why, which is in the handout: an in-page anchor.
        #expect(html.contains("href=\"#moves--shutting-up--why\""))
        #expect(html.contains("id=\"moves--shutting-up--why\""))
        #expect(html.contains("<em>Tuesdays</em>"))
    }

    @Test func htmlHandoutLinksOtherEntriesToTheirPages() async throws {
        let corpus = try TemporaryCorpus([
            "booklet.yml": Self.bookletWithHandout.replacingOccurrences(of: "      - moves/shutting-up\n", with: "")
        ])
        _ = try await corpus.build()
        let html = try corpus.outputText("welcome.html")
        #expect(html.contains("href=\"moves/shutting-up.html#why\""))
    }

    @Test func handoutsAreLinkedFromTheCover() async throws {
        let corpus = try TemporaryCorpus(["booklet.yml": Self.bookletWithHandout])
        _ = try await corpus.build()
        let cover = try corpus.outputText("index.html")
        #expect(cover.contains("href=\"welcome.html\"") && cover.contains("href=\"welcome.txt\""))
        #expect(cover.contains("href=\"print.html\"") && cover.contains("href=\"booklet.txt\""))
    }
}
