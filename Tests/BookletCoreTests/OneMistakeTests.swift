import Foundation
import Testing

@testable import BookletCore

/// One mistake gives one message, in the editor's words, with the fix: no cascade of
/// follow-on errors, no YAML jargon, a suggestion that names what was meant.
@Suite("One mistake, one message")
struct OneMistakeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: String]
        /// The whole report, paths relative to `content/`.
        var expected: [String]
        var testDescription: String { name }
    }

    static let taxonomy = TemporaryCorpus.validFiles["taxonomy.yml"] ?? ""
    static func entry(_ body: String, topics: String = "[silence]") -> String {
        "---\ntitle: Slip\ntopics: \(topics)\n---\n\(body)\n"
    }

    static let cases: [Case] = [
        Case(
            name: "a tab in taxonomy.yml",
            files: ["taxonomy.yml": taxonomy.replacingOccurrences(of: "\n  - id: rules", with: "\n\t- id: rules")],
            expected: ["taxonomy.yml:2:1: error: YAML does not allow tabs for indentation; use spaces"]),
        Case(
            name: "a syntax error in taxonomy.yml",
            files: [
                "taxonomy.yml": taxonomy.replacingOccurrences(of: "title: Ground rules", with: "title: Ground: rules")
            ],
            expected: [
                "taxonomy.yml:3:18: error: invalid YAML: ':' cannot appear here; if it is part of the text, put the whole value in quotes (title: \"Holding: back\"); if it starts a key, line the key up with the keys above"
            ]),
        Case(
            name: "a colon in an unquoted title",
            files: ["moves/slip.md": "---\ntitle: Holding: back\n---\nText.\n"],
            expected: [
                "moves/slip.md:2:15: error: invalid YAML: ':' cannot appear here; if it is part of the text, put the whole value in quotes (title: \"Holding: back\"); if it starts a key, line the key up with the keys above"
            ]),
        Case(
            name: "an unclosed list",
            files: ["moves/slip.md": "---\ntitle: Slip\ntopics: [silence\n---\nText.\n"],
            expected: [
                "moves/slip.md:4:1: error: invalid YAML: a list in [ ] is not closed; end it with ']' on the same line and separate its items with ','"
            ]),
        Case(
            name: "a term written as its title",
            files: ["moves/slip.md": entry("Text.", topics: "[silence, The frame]")],
            expected: [
                "moves/slip.md:3:19: error: unknown topics term 'The frame'; 'The frame' is the title of term 'the-frame': write its id, 'the-frame'"
            ]),
        Case(
            name: "a term written as an alias",
            files: ["moves/slip.md": entry("Text.", topics: "[silence, confidential]")],
            expected: [
                "moves/slip.md:3:19: error: unknown topics term 'confidential'; 'confidential' is an alias of term 'confidentiality': write its id, 'confidentiality'"
            ]),
        Case(
            name: "a link missing ../",
            files: ["moves/slip.md": entry("See [it](confidentiality.md).")],
            expected: [
                "moves/slip.md:5:10: error: no entry 'moves/confidentiality' for link 'confidentiality.md'; did you mean '../rules/confidentiality.md'?"
            ]),
        Case(
            name: "a link to a renamed entry",
            files: ["moves/slip.md": entry("See [it](../rules/frame.md).")],
            expected: [
                "moves/slip.md:5:10: error: no entry 'rules/frame' for link '../rules/frame.md'; did you mean '../rules/the-frame.md'?"
            ]),
        Case(
            name: "a handout naming an entry without its section",
            files: [
                "booklet.yml": (TemporaryCorpus.validFiles["booklet.yml"] ?? "").replacingOccurrences(
                    of: "- rules/confidentiality", with: "- confidentiality")
            ],
            expected: [
                "booklet.yml:11:9: error: handout 'welcome' names unknown entry 'confidentiality'; did you mean 'rules/confidentiality'?"
            ]),
    ]

    @Test(arguments: cases)
    func oneMessage(_ example: Case) async throws {
        let corpus = try TemporaryCorpus(example.files)
        let report = try await corpus.check()
        #expect(report.lines == example.expected.map { corpus.content + "/" + $0 })
    }

    /// A missing taxonomy.yml is one error too, not one per section folder and handout entry.
    @Test func aMissingTaxonomyIsOneError() async throws {
        let corpus = try TemporaryCorpus(["taxonomy.yml": nil])
        let report = try await corpus.check()
        #expect(report.lines == ["\(corpus.path("taxonomy.yml")): error: file not found; every corpus needs it"])
        #expect(!report.succeeded)
    }
}
