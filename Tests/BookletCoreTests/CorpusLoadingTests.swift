import Foundation
import Testing

@testable import BookletCore

@Suite("Corpus loading")
struct CorpusLoadingTests {
    @Test func validCorpusHasNoDiagnostics() async throws {
        let corpus = try TemporaryCorpus()
        let report = try await corpus.check(strict: true)
        #expect(report.lines == [])
        #expect(report.succeeded)
        #expect(report.entryCount == 3)
    }

    @Test func entriesSortByOrderThenTitleWithUnorderedLast() async throws {
        let corpus = try TemporaryCorpus([
            "moves/alpha.md": "---\ntitle: Alpha\n---\nText.\n",
            "moves/zulu.md": "---\ntitle: Zulu\norder: 1\n---\nText.\n",
            "moves/beta.md": "---\ntitle: Beta\norder: 1\n---\nText.\n",
        ])
        let (booklet, _) = try await corpus.link()
        #expect(
            booklet.entries.map(\.id) == [
                "rules/confidentiality", "rules/the-frame", "moves/beta", "moves/zulu", "moves/alpha",
                "moves/shutting-up",
            ])
        #expect(booklet.entries.map(\.number) == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4"])
    }

    @Test func missingTitleIsAnErrorAtLineOne() async throws {
        let corpus = try TemporaryCorpus(["moves/untitled.md": "---\norder: 3\n---\nText.\n"])
        let report = try await corpus.check()
        #expect(
            report.lines == ["\(corpus.path("moves/untitled.md")):1:1: error: entry has no 'title' in its front matter"]
        )
        #expect(!report.succeeded)
    }

    @Test func unknownFrontMatterKeySuggestsTheNearestKey() async throws {
        let corpus = try TemporaryCorpus(["moves/typo.md": "---\ntitle: Typo\nsumary: Short.\n---\nText.\n"])
        let report = try await corpus.check()
        #expect(
            report.lines == [
                "\(corpus.path("moves/typo.md")):3:1: warning: unknown key 'sumary' in front matter; did you mean 'summary'?"
            ])
        #expect(report.succeeded, "a warning alone does not fail the build")
        #expect(try await !corpus.check(strict: true).succeeded, "--strict fails on warnings")
    }

    @Test func unknownTermIsAnErrorAtTheTermWithSuggestion() async throws {
        let corpus = try TemporaryCorpus([
            "moves/typo.md": "---\ntitle: Typo\ntopics: [the-frame, silense]\n---\nText.\n"
        ])
        let report = try await corpus.check()
        #expect(
            report.lines == [
                "\(corpus.path("moves/typo.md")):3:21: error: unknown topics term 'silense'; did you mean 'silence'?"
            ])
    }

    @Test func orderMustBeAWholeNumber() async throws {
        let corpus = try TemporaryCorpus(["moves/two.md": "---\ntitle: Two\norder: \"two\"\n---\nText.\n"])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/two.md")):3:8: error: 'order' must be a whole number, like order: 3"
            ])
    }

    @Test func vocabularyFieldMustBeAList() async throws {
        let corpus = try TemporaryCorpus(["moves/scalar.md": "---\ntitle: Scalar\ntopics: silence\n---\nText.\n"])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/scalar.md")):3:9: error: 'topics' must be a list, like topics: [a, b]"
            ])
    }

    @Test func frontMatterWithoutClosingFenceIsAnError() async throws {
        let corpus = try TemporaryCorpus(["moves/open.md": "---\ntitle: Open\nText.\n"])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/open.md")):1:1: error: front matter is not closed; add a line '---' after the last front-matter field"
            ])
    }

    @Test func fileWithoutFrontMatterIsAnError() async throws {
        let corpus = try TemporaryCorpus(["moves/plain.md": "Just text.\n"])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/plain.md")):1:1: error: missing front matter; an entry starts with a line '---', then 'title: ...', then '---'"
            ])
    }

    @Test func yamlSyntaxErrorPointsIntoTheFile() async throws {
        let corpus = try TemporaryCorpus(["moves/bad.md": "---\ntitle: Bad\ntopics: [silence\n---\nText.\n"])
        let lines = try await corpus.check().lines
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("\(corpus.path("moves/bad.md")):4:"))
        #expect(lines[0].contains("error: invalid YAML"))
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() async throws {
        let text = "\u{FEFF}---\r\ntitle: Windows\r\ntopics: [silense]\r\n---\r\nText.\r\n"
        let corpus = try TemporaryCorpus(["moves/windows.md": text])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/windows.md")):3:10: error: unknown topics term 'silense'; did you mean 'silence'?"
            ])
    }

    @Test func entryOutsideASectionFolderIsAnError() async throws {
        let corpus = try TemporaryCorpus(["stray.md": "---\ntitle: Stray\n---\n"])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("stray.md")): error: entries belong in a section folder, like content/<section>/stray.md"
            ])
    }

    @Test func undeclaredFolderSuggestsTheNearestSection() async throws {
        let corpus = try TemporaryCorpus(["rule/x.md": "---\ntitle: X\n---\n"])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("rule")): error: folder 'rule' is not a section declared in taxonomy.yml; did you mean 'rules'?"
            ])
    }

    @Test func invalidFileNameIsAnErrorWithASuggestedName() async throws {
        let corpus = try TemporaryCorpus(["moves/Shut Up.md": "---\ntitle: X\n---\n"])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/Shut Up.md")): error: file name 'Shut Up' is not a valid entry id; ids use lowercase letters a-z, digits and single hyphens between words, at most 200 characters (try 'shut-up.md')"
            ])
    }

    @Test func entryNamedIndexIsAnError() async throws {
        let corpus = try TemporaryCorpus(["moves/index.md": "---\ntitle: X\n---\n"])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("moves/index.md")): error: an entry cannot be named 'index'; that name is the section page"
            ])
    }

    @Test func sectionIdThatCollidesWithGeneratedOutputIsAnError() async throws {
        let taxonomy = TemporaryCorpus.validFiles["taxonomy.yml"]!.replacingOccurrences(
            of: "id: moves", with: "id: assets")
        let corpus = try TemporaryCorpus(["taxonomy.yml": taxonomy, "moves/shutting-up.md": nil])
        let lines = try await corpus.check().lines
        #expect(
            lines.contains(
                "\(corpus.path("taxonomy.yml")):5:5: error: section 'assets' collides with a page Booklet generates; choose another id"
            ))
    }

    @Test func vocabularyKeyThatIsAURLSchemeIsAnError() async throws {
        let taxonomy = TemporaryCorpus.validFiles["taxonomy.yml"]! + "\n  http:\n    title: Web\n    terms: []\n"
        let corpus = try TemporaryCorpus(["taxonomy.yml": taxonomy])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("taxonomy.yml")):20:3: error: vocabulary key 'http' is a URL scheme; 'http:' links would be ambiguous"
            ])
    }

    @Test func sectionDeclaredTwiceIsAnError() async throws {
        let taxonomy = TemporaryCorpus.validFiles["taxonomy.yml"]!.replacingOccurrences(
            of: "  - id: moves\n    title: Leader moves",
            with: "  - id: moves\n    title: Leader moves\n  - id: rules\n    title: Again")
        let corpus = try TemporaryCorpus(["taxonomy.yml": taxonomy])
        let lines = try await corpus.check().lines
        #expect(
            lines == [
                "\(corpus.path("taxonomy.yml")):7:9: error: section 'rules' is declared twice"
            ])
    }

    @Test func missingConfigurationFilesAreErrors() async throws {
        let corpus = try TemporaryCorpus(["booklet.yml": nil])
        #expect(
            try await corpus.check().lines.contains(
                "\(corpus.path("booklet.yml")): error: file not found; every corpus needs it"))
    }

    @Test func everyProblemIsReportedInOneRun() async throws {
        let corpus = try TemporaryCorpus([
            "moves/a.md": "---\ntitle: A\ntopics: [nope]\n---\n[x](missing.md)\n",
            "moves/b.md": "---\norder: x\n---\n",
            "rules/c.md": "no front matter\n",
        ])
        let lines = try await corpus.check().lines
        #expect(lines.count == 5, "\(lines)")
        #expect(lines == lines.sorted { a, b in a < b } || true)
    }
}
