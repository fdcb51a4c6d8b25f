import Foundation
import Testing

@testable import BookletCore

/// `booklet pdf` without WeasyPrint's help: the missing engine, a failing engine, and the
/// files it makes (with a stand-in engine; CI's Tests/Books/run runs the real one).
@Suite("PDF command")
struct PDFCommandTests {
    func booklet(_ arguments: [String], in corpus: TemporaryCorpus) throws -> CLI.Result {
        let executable = try #require(CLI.executable, "build the booklet product first")
        return try CLI.run([executable] + arguments + ["--templates", Repository.templates], in: corpus.folder.path)
    }

    /// An executable script standing in for WeasyPrint.
    func engine(_ body: String, in corpus: TemporaryCorpus) throws -> String {
        let path = corpus.folder.appendingPathComponent("fake-weasyprint").path
        try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func aMissingEngineExitsTwoWithOneMessageSayingHowToInstallIt() throws {
        let corpus = try TemporaryCorpus()
        let result = try booklet(["pdf", "--engine", "/nonexistent/weasyprint"], in: corpus)
        #expect(result.status == 2)
        #expect(
            result.stderrLines == [
                "error: booklet pdf needs WeasyPrint, and '/nonexistent/weasyprint' was not found; install it with 'pip install weasyprint' (Debian or Ubuntu: 'sudo apt-get install weasyprint'), or name it with --engine PATH"
            ])
        #expect(!FileManager.default.fileExists(atPath: corpus.folder.appendingPathComponent("pdf").path))
    }

    @Test func theEngineIsLookedUpOnPath() throws {
        #expect(PDFExport.findEngine("weasyprint", path: "/nonexistent:") == nil)
        #expect(PDFExport.findEngine("sh", path: "/nonexistent:/bin") == "/bin/sh")
    }

    @Test func theBookletAndEachHandoutBecomeAPDFInThePDFFolder() throws {
        let corpus = try TemporaryCorpus()
        // Writes the name of its input, so the test sees which page became which PDF.
        let fake = try engine(#"for last; do :; done; for a; do case "$a" in *.html) echo "$a" > "$last";; esac; done"#, in: corpus)
        let result = try booklet(["pdf", "--engine", fake], in: corpus)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Made 2 PDFs: pdf/booklet.pdf, pdf/welcome.pdf\n")
        let folder = corpus.folder.appendingPathComponent("pdf").path
        #expect(try String(contentsOfFile: folder + "/booklet.pdf", encoding: .utf8).hasSuffix("/html/print.html\n"))
        #expect(try String(contentsOfFile: folder + "/welcome.pdf", encoding: .utf8).hasSuffix("/html/welcome.html\n"))
    }

    @Test func aFailingEngineExitsTwoAndWritesNothing() throws {
        let corpus = try TemporaryCorpus()
        let fake = try engine("echo 'some detail' >&2; echo 'Pango is missing' >&2; exit 3", in: corpus)
        let result = try booklet(["pdf", "--engine", fake], in: corpus)
        #expect(result.status == 2)
        #expect(result.stderrLines == ["error: WeasyPrint failed on print.html (exit status 3): Pango is missing"])
        #expect(!FileManager.default.fileExists(atPath: corpus.folder.appendingPathComponent("pdf").path))
    }

    @Test func contentErrorsExitOneAndMakeNoPDF() throws {
        let corpus = try TemporaryCorpus(["moves/typo.md": "---\ntitle: T\ntopics: [silense]\n---\n"])
        let fake = try engine("exit 0", in: corpus)
        let result = try booklet(["pdf", "--engine", fake], in: corpus)
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown topics term 'silense'"))
        #expect(!FileManager.default.fileExists(atPath: corpus.folder.appendingPathComponent("pdf").path))
    }
}
