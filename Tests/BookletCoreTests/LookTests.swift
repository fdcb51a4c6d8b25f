import Foundation
import Testing

@testable import BookletCore

/// The look: colours and fonts defined once in the style sheet, and numbered links that
/// underline their title, not the space after the number.
@Suite("The look")
struct LookTests {
    static func styleSheet() throws -> String {
        try String(contentsOfFile: Repository.templates + "/assets/booklet.css", encoding: .utf8)
    }

    /// Every colour and font is written in the first `:root` block, a dark value beside
    /// each light one; the rules only name them (print keeps its own black on white).
    @Test func coloursAndFontsAreDefinedOnceWithTheirDarkValues() throws {
        let css = try Self.styleSheet()
        let definitionsEnd = try #require(css.range(of: "\n}\n")).upperBound
        let definitions = String(css[..<definitionsEnd])
        let printStart = try #require(css.range(of: "@media print")).lowerBound
        let rules = String(css[definitionsEnd..<printStart])
        #expect(!rules.contains("#"), "a colour written outside the definitions")
        for line in rules.split(separator: "\n") where line.contains("font-family:") {
            #expect(line.contains("font-family: var(--font-"), "\(line)")
        }
        for name in ["text", "muted", "background", "surface", "rule", "link", "link-visited", "accent", "focus"] {
            #expect(definitions.contains("--\(name)-light: #"), "\(name) has no light value")
            #expect(definitions.contains("--\(name)-dark: #"), "\(name) has no dark value")
            #expect(rules.contains("--\(name): var(--\(name)-dark)"), "\(name) is not switched to dark")
        }
    }

    /// In every page, a link holding an entry number has the title in its own span (the
    /// only underlined part), so the space after the number is never underlined.
    @Test func numberedLinksUnderlineOnlyTheirTitle() async throws {
        let corpus = try TemporaryCorpus()
        #expect(try await corpus.build().succeeded)
        let pages = try treeContents(corpus.output).filter { $0.key.hasSuffix(".html") }
        var numbered = 0
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            var rest = html[...]
            while let open = rest.range(of: "<a ") {
                let anchor = rest[open.lowerBound...].prefix { $0 != "\n" }
                let end = anchor.range(of: "</a>").map { anchor[..<$0.upperBound] } ?? anchor
                if end.contains("class=\"number\"") {
                    numbered += 1
                    #expect(end.contains("numbered\""), "\(path): \(end)")
                    #expect(end.contains("</span> <span class=\"numbered-title\">"), "\(path): \(end)")
                }
                rest = rest[open.upperBound...]
            }
        }
        #expect(numbered > 20)
        let css = try Self.styleSheet()
        #expect(css.contains("a.numbered { text-decoration: none; }"))
        #expect(css.contains("a.numbered .numbered-title { text-decoration: underline; }"))
    }
}
