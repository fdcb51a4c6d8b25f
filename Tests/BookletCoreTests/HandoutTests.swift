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
