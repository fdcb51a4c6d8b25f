import Foundation
import Testing

@testable import BookletCore

/// `print.html`: the whole booklet on one page.
@Suite("Print page")
struct PrintPageTests {
    static func printPage() async throws -> String {
        let corpus = try TemporaryCorpus()
        let report = try await corpus.build()
        #expect(report.succeeded)
        return try corpus.outputText("print.html")
    }

    static func values(of attribute: String, in html: String) -> [String] {
        html.components(separatedBy: " \(attribute)=\"").dropFirst().compactMap {
            $0.split(separator: "\"").first.map(String.init)
        }
    }

    @Test func everyIdIsUniqueAcrossThePage() async throws {
        let ids = Self.values(of: "id", in: try await Self.printPage())
        #expect(!ids.isEmpty)
        #expect(Set(ids).count == ids.count, "\(ids)")
    }

    @Test func crossReferencesPointToAnchorsOnThePage() async throws {
        let html = try await Self.printPage()
        let ids = Set(Self.values(of: "id", in: html))
        let hrefs = Self.values(of: "href", in: html)
        for href in hrefs where href.hasPrefix("#") { #expect(ids.contains(String(href.dropFirst())), "\(href)") }
        // No link leaves the page for another entry.
        for entryPage in ["rules/confidentiality.html", "rules/the-frame.html", "moves/shutting-up.html"] {
            #expect(!hrefs.contains { $0.hasPrefix(entryPage) }, "\(entryPage)")
        }
        #expect(hrefs.contains("#moves--shutting-up--why"))
        #expect(hrefs.contains("#rules--confidentiality"))
    }

    @Test func contentsListEveryEntryWithItsNumber() async throws {
        let html = try await Self.printPage()
        #expect(
            html.contains(
                "<a class=\"numbered\" href=\"#rules--confidentiality\"><span class=\"number\">1.1</span> <span class=\"numbered-title\">Confidentiality</span></a>"
            ))
        #expect(
            html.contains(
                "<a class=\"toc-section numbered\" href=\"#moves\"><span class=\"number\">2.</span> <span class=\"numbered-title\">Leader moves</span></a>"
            ))
        #expect(html.contains("<h3><span class=\"number\">2.1</span> Shutting up</h3>"))
    }

    @Test func sectionsStartNewPrintedPagesAndNavigationIsHidden() throws {
        let css = try String(contentsOfFile: Repository.templates + "/assets/booklet.css", encoding: .utf8)
        let section = try #require(css.range(of: "/* print page and handouts */")).upperBound
        let rules = String(css[section...])
        #expect(rules.contains(".print-section { margin-top: 0; break-before: page;"))
        #expect(rules.contains("break-inside: avoid"))
        #expect(css.contains(".site-header, .breadcrumbs, .site-footer"))
    }
}
