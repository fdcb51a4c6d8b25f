import Foundation
import Testing

@testable import BookletCore

/// The `booklet` command line, run as an editor runs it, on a small temporary corpus.
@Suite("Command line")
struct CLITests {
    func booklet(_ arguments: [String], in corpus: TemporaryCorpus) throws -> CLI.Result {
        let executable = try #require(CLI.executable, "build the booklet product first")
        return try CLI.run([executable] + arguments + templatesOption(arguments), in: corpus.folder.path)
    }

    /// `build` and `check` take the repository's templates; `new` takes none.
    func templatesOption(_ arguments: [String]) -> [String] {
        arguments.first == "new" || arguments.first == "--version" ? [] : ["--templates", Repository.templates]
    }

    @Test func plainBookletBuildsAndPrintsASummary() throws {
        let corpus = try TemporaryCorpus()
        let result = try booklet([], in: corpus)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("Built 3 entries, "))
        #expect(result.stdout.hasSuffix(" into site/\n"))
        #expect(FileManager.default.fileExists(atPath: corpus.output + "/index.html"))
    }

    /// A file name with a newline and a terminal escape prints as one escaped line.
    @Test func controlCharactersInFileNamesArePrintedEscaped() throws {
        let corpus = try TemporaryCorpus()
        let name = "x\u{1B}[2K\rall good\ny.md:1:1: error: forged.md"
        try Data("x".utf8).write(to: URL(fileURLWithPath: corpus.path("moves/" + name)))
        let result = try booklet(["check"], in: corpus)
        #expect(result.status == 1)
        #expect(result.stderr.contains("moves/x\\e[2K\\rall good\\ny.md:1:1: error: forged.md: error: file name"))
        #expect(!result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(result.stderr.split(separator: "\n").count == 2, "\(result.stderr)")
    }

    @Test func quietPrintsNothing() throws {
        let corpus = try TemporaryCorpus()
        let result = try booklet(["build", "--quiet"], in: corpus)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "")
    }

    @Test func contentErrorsExitWithStatusOneAndClangStyleLines() throws {
        let corpus = try TemporaryCorpus(["moves/typo.md": "---\ntitle: T\ntopics: [silense]\n---\n"])
        let result = try booklet(["build"], in: corpus)
        #expect(result.status == 1)
        #expect(
            result.stderrLines == [
                "content/moves/typo.md:3:10: error: unknown topics term 'silense'; did you mean 'silence'?",
                "1 error, 0 warnings",
            ])
        #expect(!FileManager.default.fileExists(atPath: corpus.output))
    }

    @Test func warningsFailOnlyWithStrict() throws {
        let corpus = try TemporaryCorpus(["moves/typo.md": "---\ntitle: T\nsumary: x\n---\n"])
        #expect(try booklet(["check", "--quiet"], in: corpus).status == 0)
        let strict = try booklet(["check", "--strict"], in: corpus)
        #expect(strict.status == 1)
        #expect(
            strict.stderrLines.first
                == "content/moves/typo.md:3:1: warning: unknown key 'sumary' in front matter; did you mean 'summary'?")
    }

    @Test func checkSummaryAgreesWithTheMessages() throws {
        let clean = try booklet(["check"], in: try TemporaryCorpus())
        #expect(clean.stdout == "Checked 3 entries: no problems.\n")
        let corpus = try TemporaryCorpus(["moves/typo.md": "---\ntitle: T\nsumary: x\n---\n"])
        let result = try booklet(["check"], in: corpus)
        #expect(result.status == 0)
        #expect(result.stderrLines.last == "0 errors, 1 warning")
        #expect(result.stdout == "Checked 4 entries: 1 warning.\n")
    }

    @Test func foreignOutputFolderIsAUsageError() throws {
        let corpus = try TemporaryCorpus()
        let result = try booklet(["build", "--output", "content"], in: corpus)
        #expect(result.status == 2)
        #expect(result.stderr == "error: content: output folder is the content folder; choose another with --output\n")
    }

    @Test func newScaffoldsAnEntryOnceAndRefusesToOverwrite() throws {
        let corpus = try TemporaryCorpus()
        let first = try booklet(["new", "moves", "Holding the pause"], in: corpus)
        #expect(first.status == 0)
        #expect(first.stdout == "Created content/moves/holding-the-pause.md\n")
        let second = try booklet(["new", "moves", "Holding the pause"], in: corpus)
        #expect(second.status == 2)
        #expect(second.stderr == "error: content/moves/holding-the-pause.md: already exists; not overwritten\n")
        // The scaffold is a valid entry, but says so while its placeholder text is left in.
        let check = try booklet(["check", "--quiet"], in: corpus)
        #expect(check.status == 0)
        #expect(
            check.stderrLines == [
                "content/moves/holding-the-pause.md:7:1: warning: 'Write the entry here in Markdown.' is still here from 'booklet new'; replace it with the entry's text",
                "0 errors, 1 warning",
            ])
    }

    @Test func versionIsPrinted() throws {
        let corpus = try TemporaryCorpus()
        let result = try booklet(["--version"], in: corpus)
        #expect(result.status == 0)
        #expect(result.stdout == BookletVersion.current + "\n")
    }
}
