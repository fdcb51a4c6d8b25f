import Foundation
import Testing

@testable import BookletCore

/// C0 control characters in content are errors at their place, and no message prints one
/// (issue 20).
@Suite struct ControlCharacterTests {
    @Test func escapeInABodyIsAnErrorAtItsColumn() async throws {
        let corpus = try TemporaryCorpus(["rules/bell.md": "---\ntitle: Bell\n---\nRing\n  the \u{7}bell\n"])
        let report = try await corpus.check()
        #expect(
            report.diagnostics.contains {
                $0.location == SourceLocation(path: corpus.path("rules/bell.md"), line: 5, column: 7)
                    && $0.message == "file contains the control character U+0007; remove it (most editors do not show it)"
            }, "\(report.lines)")
    }

    @Test func escapeInTaxonomyIsAnError() async throws {
        var taxonomy = try #require(TemporaryCorpus.validFiles["taxonomy.yml"])
        taxonomy = taxonomy.replacingOccurrences(of: "title: Silence", with: "title: Sil\u{1B}ence")
        let corpus = try TemporaryCorpus(["taxonomy.yml": taxonomy])
        let report = try await corpus.check()
        #expect(
            report.diagnostics.contains {
                $0.location == SourceLocation(path: corpus.path("taxonomy.yml"), line: 19, column: 19)
                    && $0.message.contains("control character U+001B")
            }, "\(report.lines)")
    }

    /// A YAML escape writes the control character without the file containing it.
    @Test func escapedControlInAYAMLValueIsAnErrorAtTheValue() async throws {
        let corpus = try TemporaryCorpus([
            "rules/x.md": "---\ntitle: X\ntopics: [\"\\e[2K\\rall good\"]\n---\nBody\n"
        ])
        let report = try await corpus.check()
        #expect(
            report.diagnostics.contains {
                $0.location == SourceLocation(path: corpus.path("rules/x.md"), line: 3, column: 10)
                    && $0.message
                        == "value contains the control character U+001B; remove the escape that writes it"
            }, "\(report.lines)")
        #expect(report.lines.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 } })
    }

    /// A newline in a file name cannot forge a second diagnostic line.
    @Test func fileNamesInMessagesAreEscaped() async throws {
        let corpus = try TemporaryCorpus()
        let forged = "a.md:1:1: error: forged\nb.md"
        try Data("x".utf8).write(to: URL(fileURLWithPath: corpus.path("rules/" + forged)))
        let report = try await corpus.check()
        let line = try #require(report.lines.first { $0.contains("forged") })
        #expect(line.contains("forged\\nb.md"))
        #expect(report.lines.allSatisfy { !$0.contains("\n") && !$0.contains("\u{1B}") })
    }

    @Test func escapingNamesEveryControlCharacter() {
        #expect("a\u{1B}[2K\rb\n\tc\u{7}\u{7F}\u{85}é".escapingControlCharacters == "a\\e[2K\\rb\\n\\tc\\u{7}\\u{7F}\\u{85}é")
        #expect("plain – text".escapingControlCharacters == "plain – text")
    }
}
