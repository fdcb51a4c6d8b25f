import Testing

@testable import BookletCore

/// The parse stage's record of a body: what renderers walk instead of parsing again.
@Suite("Parsed body")
struct ParsedBodyTests {
    static func parsed(_ markdown: String) -> EntryDocument {
        EntryDocument.scan(markdown: markdown, lineOffset: 0, path: "x.md")
    }

    @Test func eventsFollowCMarksWalkWithLeavesEnteredOnce() {
        let body = Self.parsed("# Title\n\nSome *very* `odd` text.\n\n---\n").body
        let walk = body.events.map { "\($0.kind)\($0.entering ? "" : "/")" }
        #expect(
            walk == [
                "heading", "text", "heading/", "paragraph", "text", "emphasis", "text", "emphasis/", "text", "code",
                "text", "paragraph/", "thematicBreak",
            ])
        #expect(body.events.filter { $0.kind == .text }.map(body.literal) == ["Title", "Some ", "very", " ", " text."])
        #expect(body.events.first { $0.kind == .code }.map(body.literal) == "odd")
    }

    @Test func headingsCarryTheIdsOfTheParse() {
        let document = Self.parsed("## Why\n\ntext\n\n## Why\n\n### How *now*\n")
        let headings = document.body.events.filter { $0.kind == .heading && $0.entering }
        #expect(headings.map(document.body.headingID) == document.headings.map(\.id))
        #expect(headings.map(document.body.headingText) == ["Why", "Why", "How now"])
        #expect(Set(document.headings.map(\.id)).count == 3)
        #expect(headings.map(\.isTopLevel) == [true, true, true])
        #expect(Self.parsed("> ## Quoted\n").body.events.first { $0.kind == .heading }?.isTopLevel == false)
    }

    @Test func linksAreNumberedInTheOrderTheLinkerResolvesThem() {
        // An image inside a link, a link inside an image's description: each event's number
        // is the link's own, on entering and on leaving.
        let document = Self.parsed("[![pic](p.png) text](https://a.org) and ![see [b](https://b.org)](q.png) [c](c.md)")
        let body = document.body
        #expect(document.links.map(\.destination) == ["https://a.org", "p.png", "q.png", "https://b.org", "c.md"])
        let numbered = body.events.filter { $0.kind == .link || $0.kind == .image }.map {
            "\($0.entering ? "" : "/")\(document.links[$0.linkIndex].destination)"
        }
        #expect(
            numbered == [
                "https://a.org", "p.png", "/p.png", "/https://a.org", "q.png", "https://b.org", "/https://b.org",
                "/q.png", "c.md", "/c.md",
            ])
        #expect(body.events.filter { $0.kind == .link && $0.entering }.map(body.url) == ["https://a.org", "https://b.org", "c.md"])
    }

    @Test func renderersUseTheResolutionOfEachOccurrence() async throws {
        // The same destination written twice may be resolved differently (here: by hand) and
        // each occurrence renders its own; a broken one (nil) renders as text.
        var body = LinkedBody.parsing("[one](x.md) [two](x.md) [three](y.md)")
        body.links = [.external("https://one.org"), .external("https://two.org"), nil]
        let (booklet, _) = try await TemporaryCorpus().link()
        let html = HTMLBodyRenderer.render(body, options: .init(links: PageLinks(depth: 0), booklet: booklet)).main
        #expect(
            html
                == "<p><a class=\"external\" href=\"https://one.org\">one</a> <a class=\"external\" href=\"https://two.org\">two</a> three</p>\n"
        )
    }

    @Test func listsKnowTheirItemsAndTightness() {
        let body = Self.parsed("3. a\n4. b\n5. c\n\n- x\n\n- y\n").body
        let lists = body.events.filter { $0.kind == .list && $0.entering }
        #expect(lists.map(\.listItemCount) == [3, 2])
        #expect(lists.first?.listStart == 3)
        #expect(lists.map(\.isOrderedList) == [true, false])
        #expect(lists.map(\.isTightList) == [true, false])
        let paragraphs = body.events.filter { $0.kind == .paragraph && $0.entering }
        #expect(paragraphs.map(\.isInTightList) == [true, true, true, false, false])
    }

    @Test func codeBlocksKeepLiteralAndInfoString() {
        let body = Self.parsed("```swift title=x\nlet a = 1\n```\n").body
        let code = try? #require(body.events.first { $0.kind == .codeBlock })
        #expect(code.map(body.literal) == "let a = 1\n")
        #expect(code.map(body.fenceInfo) == "swift title=x")
    }
}
