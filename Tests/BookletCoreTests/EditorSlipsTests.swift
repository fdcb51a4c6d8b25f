import Foundation
import Testing

@testable import BookletCore

/// Slips that used to publish a mistake silently: each case changes files of the small
/// corpus and expects exactly these messages (path relative to `content/`).
@Suite("Editor slips")
struct EditorSlipsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: String]
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a near miss of a vocabulary key",
            files: ["moves/slip.md": "---\ntitle: Slip\ntopic: [silence]\n---\nText.\n"],
            expected: [
                "moves/slip.md:3:1: error: unknown key 'topic' in front matter; did you mean 'topics'? As written, its terms are lost"
            ]),
        Case(
            name: "a near miss of another key stays a warning",
            files: ["moves/slip.md": "---\ntitle: Slip\nsumary: One line.\n---\nText.\n"],
            expected: ["moves/slip.md:3:1: warning: unknown key 'sumary' in front matter; did you mean 'summary'?"]),
        Case(
            name: "a title in curly quotes",
            files: ["moves/slip.md": "---\ntitle: “Waiting out the silence”\n---\nText.\n"],
            expected: [
                "moves/slip.md:2:8: warning: 'title' is wrapped in curly quotes, which would be published; remove them (write plain quotes inside the text if it quotes someone)"
            ]),
        Case(
            name: "two quotations are not one wrapped value",
            files: ["moves/slip.md": "---\ntitle: Slip\nsummary: “Wait” and “see”\n---\nText.\n"],
            expected: []),
        Case(
            name: "booklet new's placeholder left in",
            files: ["moves/slip.md": "---\ntitle: Slip\n---\nWrite the entry here in Markdown.\n"],
            expected: [
                "moves/slip.md:4:1: warning: 'Write the entry here in Markdown.' is still here from 'booklet new'; replace it with the entry's text"
            ]),
        Case(
            name: "two entries with one order",
            files: ["rules/slip.md": "---\ntitle: Slip\norder: 2\n---\nText.\n"],
            expected: [
                "rules/the-frame.md:3:8: warning: 'rules/the-frame' and 'rules/slip' both have order 2; give each entry of 'rules' its own number"
            ]),
    ]

    @Test(arguments: cases)
    func eachSlipIsReported(_ example: Case) async throws {
        let corpus = try TemporaryCorpus(example.files)
        let (_, diagnostics) = try await corpus.link()
        #expect(diagnostics.map(\.description) == example.expected.map { corpus.content + "/" + $0 })
    }
}
