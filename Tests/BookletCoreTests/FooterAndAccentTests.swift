import Foundation
import Testing

@testable import BookletCore

/// `footer:` (Markdown at the foot of every page, and on paper) and `accent-color:` (the
/// accent of every page) in `booklet.yml`.
@Suite("Footer and accent colour")
struct FooterAndAccentTests {
    static let booklet = """
        title: Test Booklet
        footer: © 2026 the *Society*. See [confidentiality](rules/confidentiality.md).
        accent-color: "#1a5e8a"
        handouts:
          - id: welcome
            title: Welcome
            entries: [moves/shutting-up]
        """

    @Test func theFooterIsOnEveryPageWithLinksForItsDepth() async throws {
        let corpus = try TemporaryCorpus(["booklet.yml": Self.booklet])
        let report = try await corpus.build(strict: true)
        #expect(report.succeeded, "\(report.diagnostics)")
        let top = "<div class=\"booklet-footer\">\n<p>© 2026 the <em>Society</em>. See <a href=\"rules/confidentiality.html\">confidentiality</a>.</p>\n\n</div>"
        #expect(try corpus.outputText("index.html").contains(top))
        #expect(try corpus.outputText("search.html").contains(top))
        let below = top.replacingOccurrences(of: "href=\"rules/", with: "href=\"../rules/")
        #expect(try corpus.outputText("moves/shutting-up.html").contains(below))
        #expect(try corpus.outputText("topics/silence.html").contains(below))
        // On paper the site footer is hidden: print.html and handouts print it themselves.
        for page in ["print.html", "welcome.html"] {
            let html = try corpus.outputText(page)
            #expect(html.contains("<div class=\"print-footer\">\n<p>© 2026 the <em>Society</em>."), "\(page)")
        }
    }

    @Test func theAccentColourIsSetOnEveryPage() async throws {
        let corpus = try TemporaryCorpus(["booklet.yml": Self.booklet])
        #expect(try await corpus.build(strict: true).succeeded)
        let style = "<style>:root { --accent-light: #1a5e8a; --accent-dark: #1a5e8a; }</style>"
        for page in ["index.html", "moves/shutting-up.html", "print.html", "welcome.html", "topics/index.html"] {
            let html = try corpus.outputText(page)
            // After the stylesheet, so it wins.
            let sheet = try #require(html.range(of: "booklet.css\">"))
            let override = try #require(html.range(of: style), "\(page)")
            #expect(sheet.upperBound < override.lowerBound)
        }
    }

    @Test func withoutThemNothingIsAdded() async throws {
        let corpus = try TemporaryCorpus()
        #expect(try await corpus.build(strict: true).succeeded)
        let html = try corpus.outputText("index.html")
        #expect(!html.contains("<style>"))
        #expect(!html.contains("booklet-footer"))
    }

    @Test(arguments: [
        ("accent-color: \"#1a5e8a\"", []),
        ("accent-color: \"#ABC\"", []),
        (
            "accent-color: #1a5e8a",
            ["booklet.yml:2:14: error: 'accent-color' is empty; write the colour in quotes, like accent-color: \"#8a4b14\" (without quotes, YAML reads # as the start of a comment)"]
        ),
        ("accent-color: blue", ["booklet.yml:2:15: error: 'accent-color' must be a colour written #rgb or #rrggbb, like accent-color: \"#8a4b14\""]),
        ("accent-color: \"#12345\"", ["booklet.yml:2:15: error: 'accent-color' must be a colour written #rgb or #rrggbb, like accent-color: \"#8a4b14\""]),
        ("accent-color: \"#12g\"", ["booklet.yml:2:15: error: 'accent-color' must be a colour written #rgb or #rrggbb, like accent-color: \"#8a4b14\""]),
        ("accent-color: \"#１２３\"", ["booklet.yml:2:15: error: 'accent-color' must be a colour written #rgb or #rrggbb, like accent-color: \"#8a4b14\""]),
        ("accent-color: \"#123; } body { x\"", ["booklet.yml:2:15: error: 'accent-color' must be a colour written #rgb or #rrggbb, like accent-color: \"#8a4b14\""]),
        ("footer: See [x](rules/nothing.md).", ["booklet.yml:2:17: error: no entry 'rules/nothing' for link 'rules/nothing.md'"]),
    ] as [(String, [String])])
    func valuesAreCheckedWhereWritten(_ line: String, _ expected: [String]) async throws {
        let corpus = try TemporaryCorpus(["booklet.yml": "title: Test Booklet\n\(line)\n"])
        let (_, diagnostics) = try await corpus.link()
        #expect(diagnostics.map(\.description) == expected.map { corpus.content + "/" + $0 })
    }
}
