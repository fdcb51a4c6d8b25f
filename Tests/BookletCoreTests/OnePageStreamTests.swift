import Foundation
import Mustache
import Testing

@testable import BookletCore

/// `OnePageStream` renders a page whose per-entry partial runs on all cores and streams
/// out in parts; the parts, concatenated, must be exactly the page Mustache renders whole.
@Suite("One-page stream")
struct OnePageStreamTests {
    /// A template set of folder `html` from sources, without the files of a real one.
    static func templates(_ sources: [String: String]) throws -> TemplateSet {
        var parsed: [String: MustacheTemplate] = [:]
        for (name, source) in sources { parsed[name] = try MustacheTemplate(string: source) }
        return TemplateSet(
            libraries: ["html": MustacheLibrary(templates: parsed)], templates: ["html": parsed], path: "templates",
            assets: [])
    }

    /// Page context: sections of `perSection` entries; an entry's body has several lines.
    static func context(sections: Int, perSection: Int) -> (root: [String: Any], full: [[String: Any]]) {
        var full: [[String: Any]] = []
        var sectionItems: [[String: Any]] = []
        for s in 0..<sections {
            var entries: [[String: Any]] = []
            for e in 0..<perSection {
                let item: [String: Any] = [
                    "title": "Entry <\(s).\(e)>",
                    "body": "<p>First line of \(s).\(e)</p>\n<p>second & last</p>",
                    "notes": e % 2 == 0 ? ["note a", "note b"] : [],
                ]
                entries.append(item)
                full.append(item)
            }
            sectionItems.append(["heading": "Section \(s)", "entries": entries])
        }
        return (["page_title": "Whole", "sections": sectionItems, "rule": "----"], full)
    }

    /// The page rendered whole by Mustache, and rendered by the stream (parts joined).
    static func both(page: String, partial: String, sections: Int = 2, perSection: Int = 3) async throws
        -> (whole: String, streamed: String, parts: Int, unknown: [String: Set<String>])
    {
        let set = try templates(["page": page, "entry": partial])
        let (root, full) = context(sections: sections, perSection: perSection)
        let whole = set.render("html/page", root).text

        // The stream's context: items answer light keys (the title) and build the rest.
        var items: [SlotItem] = []
        var streamedSections: [[String: Any]] = []
        var sectionOfSlot: [Int] = []
        for (s, section) in (root["sections"] as? [[String: Any]] ?? []).enumerated() {
            var sectionItems: [SlotItem] = []
            for _ in section["entries"] as? [[String: Any]] ?? [] {
                let values = UncheckedSendable(value: full[items.count])
                let item = SlotItem(
                    index: items.count, light: ["title": full[items.count]["title"] ?? ""],
                    heavy: { _, _ in values.value.filter { $0.key != "title" } })
                items.append(item)
                sectionItems.append(item)
                sectionOfSlot.append(s)
            }
            var copy = section
            copy["entries"] = sectionItems
            streamedSections.append(copy)
        }
        var streamedRoot = root
        streamedRoot["sections"] = streamedSections
        let levels: [[Any]] = sectionOfSlot.map { [streamedSections[$0]] }
        let stream = OnePageStream(
            templates: set, template: "html/page", partial: "entry", root: streamedRoot, levels: levels, items: items)
        var streamed = ""
        var parts = 0
        var unknown: [String: Set<String>] = [:]
        await stream.prepare().render { part in
            streamed += part.text
            parts += 1
            unknown.merge(part.unknownKeys) { $0.union($1) }
        }
        return (whole, streamed, parts, unknown)
    }

    static let partial = """
        <article>
        <h3>{{title}}</h3>
        {{{body}}}
        {{#notes}}
        <p>{{.}} {{rule}}</p>
        {{/notes}}
        <p>{{heading}}</p>
        </article>

        """

    @Test func standalonePartialMatchesWholeRendering() async throws {
        let page = """
            <h1>{{page_title}}</h1>
            <ol>{{#sections}}{{#entries}}<li>{{title}}</li>{{/entries}}{{/sections}}</ol>
            {{#sections}}
            <section>
            {{#entries}}
            {{> entry}}
            {{/entries}}
            </section>
            {{/sections}}
            <footer>{{rule}}</footer>

            """
        let result = try await Self.both(page: page, partial: Self.partial)
        #expect(result.whole.contains("<li>Entry &lt;1.2&gt;</li>"))
        #expect(result.whole.contains("<p>note a ----</p>"))
        #expect(result.streamed == result.whole)
    }

    @Test func indentedPartialIsIndentedAsMustacheDoes() async throws {
        // Mustache indents each line the partial's template writes, but not the lines
        // inside one multi-line value (the body); the stream must do the same.
        let page = """
            {{#sections}}
            <section>
              {{#entries}}
                {{> entry}}
              {{/entries}}
            </section>
            {{/sections}}

            """
        let result = try await Self.both(page: page, partial: Self.partial)
        #expect(result.whole.contains("    <h3>Entry &lt;0.0&gt;</h3>"))
        #expect(result.whole.contains("\n<p>second & last</p>"))
        #expect(result.streamed == result.whole)
    }

    @Test func inlinePartialAndTabsMatch() async throws {
        let page = "{{#sections}}\t{{#entries}}<div>{{> entry}}</div>\t{{/entries}}\n{{/sections}}"
        let result = try await Self.both(page: page, partial: "{{title}}\n{{#notes}}\t{{.}}\n{{/notes}}")
        #expect(result.streamed == result.whole)
    }

    @Test func manyEntriesStreamInSeveralParts() async throws {
        let page = "{{#sections}}\n{{#entries}}\n{{> entry}}\n{{/entries}}\n{{/sections}}\nend\n"
        let count = OnePageStream.partialsPerPart * 2 + 7
        let result = try await Self.both(page: page, partial: Self.partial, sections: 1, perSection: count)
        #expect(result.parts == 3)
        #expect(result.streamed == result.whole)
        #expect(result.streamed.components(separatedBy: "<article>").count == count + 1)
    }

    @Test func bodyUsedOutsideThePartialIsStillRendered() async throws {
        // A page template may use entry keys the skeleton does not have at hand.
        let page = "{{#sections}}{{#entries}}[{{{body}}}]\n{{> entry}}\n{{/entries}}{{/sections}}"
        let result = try await Self.both(page: page, partial: Self.partial)
        #expect(result.whole.contains("[<p>First line of 1.2</p>"))
        #expect(result.streamed == result.whole)
    }

    @Test func pageWithoutThePartialIsOnePart() async throws {
        let page = "{{#sections}}{{#entries}}<h3>{{title}}</h3>{{{body}}}\n{{/entries}}{{/sections}}"
        let result = try await Self.both(page: page, partial: Self.partial)
        #expect(result.parts == 1)
        #expect(result.streamed == result.whole)
    }

    @Test func unknownKeysAreReportedForTheirTemplate() async throws {
        let result = try await Self.both(
            page: "{{titel}}\n{{#sections}}{{#entries}}\n{{> entry}}\n{{/entries}}{{/sections}}",
            partial: "{{tilte}} {{title}}\n")
        #expect(result.unknown == ["html/page": ["titel"], "html/entry": ["tilte"]])
        #expect(result.streamed == result.whole)
    }

    @Test func partialUsedOutsideTheEntriesRendersInPlace() async throws {
        // Not an entry's slot: the partial renders there as Mustache would, with the
        // page's names, and nothing is reported about Booklet's own slot key.
        let page = "{{> entry}}\n{{#sections}}\n{{#entries}}\n{{> entry}}\n{{/entries}}\n{{/sections}}\n"
        let result = try await Self.both(page: page, partial: "<p>{{title}}|{{rule}}</p>\n")
        #expect(result.whole.hasPrefix("<p>|----</p>\n<p>Entry &lt;0.0&gt;|----</p>\n"))
        #expect(result.streamed == result.whole)
        // Reported against the page, as for any name missing while the page renders.
        #expect(result.unknown == ["html/page": ["title"]])
    }

    @Test func markersAreFoundOnlyWhenWellFormed() {
        let marker = OnePageStream.marker(1) + "\n  \u{3}"
        let (texts, slots) = OnePageStream.split(
            "a\u{1}0\u{2}b" + marker + "c\u{1}7\u{2}\n\u{3}" + OnePageStream.marker(0) + "\n\u{3}", slotCount: 2)
        // Slot 7 does not exist and "\u{1}0\u{2}b" is not followed by a line break: text.
        #expect(texts == ["a\u{1}0\u{2}b", "c\u{1}7\u{2}\n\u{3}", ""])
        #expect(slots == [.init(index: 1, indentation: "  "), .init(index: 0, indentation: "")])
    }
}

/// `TextFinisher` finishes text fed in parts exactly as the whole text.
@Suite("Text finisher")
struct TextFinisherTests {
    @Test func partsFinishLikeTheWhole() {
        let samples = [
            "\n\n  \nTitle  \r\n=====\t\n\n\n\nBody line \nlast  \n\n \n",
            "no newline at all   ",
            "",
            "\n\n",
            "a\n\n\nb\r\n\r\n",
        ]
        for sample in samples {
            let whole = TextContext.finish(sample)
            let bytes = Array(sample.utf8)
            // Every way of cutting the text in two or three parts.
            for first in 0...bytes.count {
                for second in first...bytes.count {
                    var finisher = TextFinisher()
                    var output = ""
                    for range in [0..<first, first..<second, second..<bytes.count] {
                        output += finisher.feed(String(decoding: bytes[range], as: UTF8.self))
                    }
                    output += finisher.end()
                    #expect(output == whole, "\(sample.debugDescription) cut at \(first), \(second)")
                }
            }
        }
        #expect(TextContext.finish("\n\n  \nTitle  \r\n=====\t\n\n\n\nBody") == "Title\n=====\n\n\n\nBody\n")
    }
}
