import Foundation
import Testing

@testable import BookletCore

@Suite("Cross-references")
struct CrossReferenceTests {
    /// An entry whose body is `body` (front matter is 3 lines, so the body starts on line 5).
    func corpus(body: String) throws -> TemporaryCorpus {
        try TemporaryCorpus(["moves/linker.md": "---\ntitle: Linker\ntopics: [silence]\n---\n" + body])
    }

    @Test func brokenEntryLinkIsReportedAtItsColumnWithSuggestion() async throws {
        let corpus = try corpus(body: "First line.\nSee [the rule](../rules/confidentialty.md) here.\n")
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/linker.md")):6:16: error: no entry 'rules/confidentialty' for link '../rules/confidentialty.md'; did you mean '../rules/confidentiality.md'?"
            ])
    }

    @Test func missingHeadingAnchorSuggestsTheRealHeading() async throws {
        let corpus = try corpus(body: "See [why](shutting-up.md#wyh).\n")
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/linker.md")):5:11: error: entry 'moves/shutting-up' has no heading '#wyh'; did you mean 'why'?"
            ])
    }

    @Test func unknownTermLinkSuggestsTheNearestTerm() async throws {
        let corpus = try corpus(body: "Keep [quiet](topics:silense).\n")
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/linker.md")):5:14: error: unknown topics term 'silense'; did you mean 'silence'?"
            ])
    }

    @Test func misspeltVocabularyIsReported() async throws {
        let corpus = try corpus(body: "Keep [quiet](topcis:silence).\n")
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/linker.md")):5:14: error: unknown vocabulary or URL scheme 'topcis:'; did you mean 'topics'?"
            ])
    }

    @Test func linkLeavingTheContentFolderIsAnError() async throws {
        let corpus = try corpus(body: "[secrets](../../../etc/passwd.md)\n")
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/linker.md")):5:11: error: link '../../../etc/passwd.md' leaves the content folder"
            ])
    }

    @Test func scriptAndFileURLsAreRejected() async throws {
        let corpus = try corpus(body: "[a](javascript:alert(1)) and [b](file:///etc/passwd)\n")
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/linker.md")):5:5: error: 'javascript:' links are not allowed; they could run code or read the reader's files",
                "\(corpus.path("moves/linker.md")):5:34: error: 'file:' links are not allowed; they could run code or read the reader's files",
            ])
    }

    @Test func absoluteLinksAreRejected() async throws {
        let corpus = try corpus(body: "[a](/rules/confidentiality.md)\n")
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/linker.md")):5:5: error: absolute link '/rules/confidentiality.md' will not work offline; link to the entry's .md file with a relative path"
            ])
    }

    @Test func sameDestinationTwiceInAParagraphIsFoundAtEachPlace() async throws {
        let corpus = try corpus(body: "[a](nope.md) and\n[b](nope.md)\n")
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/linker.md")):5:5: error: no entry 'moves/nope' for link 'nope.md'",
                "\(corpus.path("moves/linker.md")):6:5: error: no entry 'moves/nope' for link 'nope.md'",
            ])
    }

    @Test func crossReferencesAreRewrittenToRelativeHTMLFiles() async throws {
        let corpus = try TemporaryCorpus()
        _ = try await corpus.build()
        let page = try corpus.outputText("rules/confidentiality.html")
        #expect(page.contains("<a href=\"../moves/shutting-up.html#why\">shutting up</a>"))
        let frame = try corpus.outputText("rules/the-frame.html")
        #expect(frame.contains("<a href=\"../topics/the-frame.html\">the frame</a>"))
        #expect(frame.contains("<a href=\"../rules/confidentiality.html\">confidentiality</a>"))
    }

    @Test func externalLinksAreMarkedForPrinting() async throws {
        let corpus = try corpus(body: "[ABS](https://www.americanbalintsociety.org/)\n")
        _ = try await corpus.build()
        #expect(
            try corpus.outputText("moves/linker.html").contains(
                "<a class=\"external\" href=\"https://www.americanbalintsociety.org/\">ABS</a>"))
    }

    @Test func brokenLinkInATermDefinitionIsReportedAtItsColumnInTaxonomy() async throws {
        let taxonomy = try #require(TemporaryCorpus.validFiles["taxonomy.yml"]).replacingOccurrences(
            of: "definition: What is said in the group stays there.",
            with: "definition: See [quiet](topics:silense).")
        let corpus = try TemporaryCorpus(["taxonomy.yml": taxonomy])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("taxonomy.yml")):13:33: error: unknown topics term 'silense'; did you mean 'silence'?"
            ])
    }
}
