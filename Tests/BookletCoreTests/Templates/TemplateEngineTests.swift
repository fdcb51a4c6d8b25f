import Foundation
import Testing

@testable import BookletCore

/// Booklet's template engine on its own: compiling, names, functions, escaping, sequences
/// and the errors it reports. Needs nothing outside the repository.
@Suite("Template engine")
struct TemplateEngineTests {
    /// Compiles `templates` (name → text) as HTML templates, with paths `<name>.mustache`.
    static func library(_ templates: [String: String], escaping: Bool = true) -> (TemplateLibrary, [String]) {
        let sources = templates.map {
            TemplateLibrary.Source(name: $0.key, path: $0.key + ".mustache", text: $0.value, escaping: escaping)
        }
        let (library, diagnostics) = TemplateLibrary.compile(sources)
        return (library, diagnostics.map(\.description))
    }

    /// Renders `name` of `templates` with `context`; fails the test on compile errors.
    static func render(
        _ templates: [String: String], _ name: String = "page", _ context: TemplateValue = .object(TemplateObject()),
        escaping: Bool = true
    ) -> (String, TemplateReport) {
        let (library, problems) = library(templates, escaping: escaping)
        #expect(problems.isEmpty, "\(problems)")
        guard let index = library.index(of: name) else { return ("", TemplateReport()) }
        var renderer = TemplateRenderer(library: library)
        try? renderer.render(template: index, context: context)
        return (String(decoding: renderer.output, as: UTF8.self), renderer.report)
    }

    @Test(arguments: [
        ("a\n{{title}\n", "page.mustache:2:1: error: template syntax error: a tag is not closed with '}}'"),
        (
            "{{#a}}\nx\n{{/b}}\n",
            "page.mustache:3:1: error: template syntax error: a section closes with a different name than it opened ('{{/b}}' closes '{{#a}}')"
        ),
        ("x\n  {{#list}}\nx\n", "page.mustache:2:3: error: template syntax error: '{{#list}}' is never closed"),
        ("{{/list}}", "page.mustache:1:1: error: template syntax error: '{{/list}}' closes a section that was never opened"),
        (
            "é {{upper(title)}}",
            "page.mustache:1:5: error: template syntax error: unknown function 'upper'; templates can use first(), last(), index(), even(), odd(), empty(name), count(name)"
        ),
        (
            "{{#last(items)}}{{/last(items)}}",
            "page.mustache:1:4: error: template syntax error: 'last()' takes no name: it describes the current item of a list"
        ),
        ("{{=<% =}}", "page.mustache:1:1: error: template syntax error: bad set-delimiter tag; write it like {{=<% %>=}}"),
        (
            "{{% CONTENT_TYPE: JSON}}",
            "page.mustache:1:1: error: template syntax error: unknown pragma 'CONTENT_TYPE: JSON'; only CONTENT_TYPE: TEXT and CONTENT_TYPE: HTML exist"
        ),
        ("{{a b}}", "page.mustache:1:5: error: template syntax error: unexpected 'b' in a tag; names use letters, digits, '.', '-' and '_'"),
        ("{{>*dynamic}}", "page.mustache:1:1: error: template syntax error: dynamic names ('*name') are not supported"),
    ])
    func syntaxErrorsAreReportedAtTheirTag(template: String, message: String) {
        #expect(Self.library(["page": template]).1 == [message])
    }

    @Test func nestingDeeperThanTheLimitIsAnErrorNotACrash() {
        let deep = String(repeating: "{{#a}}", count: 100_000)
        let problems = Self.library(["page": deep]).1
        #expect(
            problems == [
                "page.mustache:1:601: error: template syntax error: sections, partials and blocks are nested more than 100 deep"
            ])
    }

    @Test func aLongLineOfTagsParsesInLinearTime() {
        // Each tag's column is counted from the previous one: 200,000 tags on one line.
        let clock = ContinuousClock()
        let line = String(repeating: "é{{a}}", count: 200_000)
        let start = clock.now
        let (library, problems) = Self.library(["page": line + "{{/x}}"])
        #expect(clock.now - start < .seconds(20))
        #expect(library.index(of: "page") == nil)
        #expect(problems == ["page.mustache:1:1200001: error: template syntax error: '{{/x}}' closes a section that was never opened"])
    }

    @Test func unknownPartialIsAnErrorAtItsTagWithASuggestion() {
        let problems = Self.library(["page": "x\n  {{> entyr}}\n", "entry": "e"]).1
        #expect(problems == ["page.mustache:2:3: error: template names unknown partial 'entyr'; did you mean 'entry'?"])
    }

    @Test(arguments: [
        (["page": "a{{>page}}"], ["page.mustache:1:2: error: template includes itself ('page' → 'page'), so it would never end; remove the '{{>page}}'"]),
        (
            ["page": "{{<layout}}{{/layout}}", "layout": "<{{>nav}}>", "nav": "{{<layout}}{{$x}}{{/x}}{{/layout}}"],
            ["nav.mustache:1:1: error: template includes itself ('layout' → 'nav' → 'layout'), so it would never end; remove the '{{<layout}}'"]
        ),
    ])
    func templateIncludingItselfUnconditionallyIsAnError(templates: [String: String], expected: [String]) {
        #expect(Self.library(templates).1 == expected)
    }

    @Test func recursionThroughDataEndsWithTheData() {
        let tree: TemplateValue = .object(
            ["name": "a", "children": [.object(["name": "b", "children": []] as TemplateObject)]] as TemplateObject)
        let (text, report) = Self.render(["page": "{{>node}}", "node": "{{name}}({{#children}}{{>node}}{{/children}})"], "page", tree)
        #expect(text == "a(b())")
        #expect(report.failure == nil && report.missing.isEmpty)
    }

    @Test func recursionDeeperThanTheLimitStopsWithAnError() {
        var tree: TemplateValue = .object(["children": []] as TemplateObject)
        for _ in 0..<200 { tree = .object(["children": [tree]] as TemplateObject) }
        let (_, report) = Self.render(["page": "{{>node}}", "node": "x{{#children}}{{>node}}{{/children}}"], "page", tree)
        #expect(
            report.failure?.description
                == "node.mustache:1:15: error: template recursion does not end at 'node': partials nest more than 64 deep or are used more than 10,000,000 times for one page; a template must not include itself without end"
        )
    }

    @Test func recursionOverAListStopsLongBeforeItsDepthLimit() {
        // Each level renders the partial once per item: 8 items, 64 levels would be 8^64.
        let context: TemplateValue = .object(["items": .list(Array(repeating: "x", count: 8))] as TemplateObject)
        let (_, report) = Self.render(["page": "{{>node}}", "node": "{{#items}}{{>node}}{{/items}}"], "page", context)
        #expect(report.failure?.message.hasPrefix("template recursion does not end at 'node'") == true)
    }

    @Test func sectionsNestedOverTheSameListStopWithAnError() {
        let context: TemplateValue = .object(["items": .list(Array(repeating: "x", count: 10))] as TemplateObject)
        let nested = String(repeating: "{{#items}}", count: 9) + "." + String(repeating: "{{/items}}", count: 9)
        let (library, _) = Self.library(["page": nested])
        #expect(TemplateRenderer(library: library).budget.maximumItems == 10_000_000)
        var renderer = TemplateRenderer(library: library, maximumItems: 50_000)
        #expect(throws: TemplateRenderer.Stop.self) { try renderer.render(template: 0, context: context) }
        #expect(
            renderer.report.failure?.description
                == "page.mustache:1:81: error: template renders too much for one page at this section (more than 50,000 items, or 1 GB); are sections nested over the same lists?"
        )
    }

    @Test func namesThePageDoesNotProvideAreReportedAtTheirTag() {
        let context: TemplateValue = .object(["entry": .object(["title": "T"] as TemplateObject), "site": "S"] as TemplateObject)
        let (text, report) = Self.render(
            ["page": "{{#entry}}{{title}} {{site}}\n{{titel}}{{/entry}} {{entry.summary}} {{^missing}}!{{/missing}}"], "page",
            context)
        #expect(text == "T S\n  !")
        #expect(
            report.diagnostics.map(\.description) == [
                "page.mustache:2:1: warning: template uses 'titel', which this page does not provide; it renders as nothing",
                "page.mustache:2:21: warning: template uses 'entry.summary', which this page does not provide; it renders as nothing",
                "page.mustache:2:39: warning: template uses 'missing', which this page does not provide; it renders as nothing",
            ])
    }

    @Test func functionsDescribeListsAndTheirItems() {
        let context: TemplateValue = .object(
            ["items": ["a", "b", "c"], "none": [], "many": .sequence(TemplateSequence(count: 40) { .number($0) })]
                as TemplateObject)
        let template =
            "{{#items}}{{index()}}{{.}}{{#first()}}^{{/first()}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}}{{^last()}},{{/last()}}{{/items}}"
            + " {{count(items)}} {{count(many)}} {{#empty(none)}}empty{{/empty(none)}}{{^empty(items)}} full{{/empty(items)}}"
        #expect(Self.render(["page": template], "page", context).0 == "0a^e,1bo,2ce 3 40 empty full")
    }

    @Test func htmlTemplatesEscapeAndTextTemplatesDoNot() {
        let context: TemplateValue = .object(["t": "<a & 'b'>"] as TemplateObject)
        #expect(Self.render(["page": "{{t}}|{{{t}}}|{{&t}}"], "page", context).0 == "&lt;a &amp; &#39;b&#39;&gt;|<a & 'b'>|<a & 'b'>")
        #expect(Self.render(["page": "{{t}}"], "page", context, escaping: false).0 == "<a & 'b'>")
        #expect(
            Self.render(["page": "{{t}}\n{{% CONTENT_TYPE: TEXT}}\n{{t}}\n"], "page", context).0
                == "&lt;a &amp; &#39;b&#39;&gt;\n<a & 'b'>\n")
    }

    @Test func sequencesRenderInOrderInPartsThatJoinToTheWhole() throws {
        let count = 5_000
        let context: TemplateValue = .object(
            [
                "title": "T",
                "entries": .sequence(
                    TemplateSequence(count: count) { .object(["n": .number($0), "text": .text(String(repeating: "x", count: 100))] as TemplateObject) }),
            ] as TemplateObject)
        let templates = ["page": "{{title}}\n{{#entries}}\n{{> item}}\n{{/entries}}\nend\n", "item": "{{n}} {{title}} {{text}}\n"]
        let (library, _) = Self.library(templates)
        let index = try #require(library.index(of: "page"))
        var parts: [[UInt8]] = []
        var renderer = TemplateRenderer(library: library) { bytes in
            parts.append(bytes)
            bytes.removeAll()
        }
        try renderer.render(template: index, context: context)
        parts.append(renderer.output)
        let expected = "T\n" + (0..<count).map { "\($0) T \(String(repeating: "x", count: 100))\n" }.joined() + "end\n"
        #expect(parts.count > 2)
        #expect(String(decoding: parts.joined(), as: UTF8.self) == expected)
    }

    @Test func manyShortSequencesAreDrainedToo() throws {
        // 300 sections of 3 entries: no sequence is long enough for a parallel window, yet
        // the page must still leave memory part by part.
        let entry = String(repeating: "y", count: 1_000)
        let sections: [TemplateValue] = (0..<300).map { _ in
            .object(["entries": .sequence(TemplateSequence(count: 3) { _ in .text(entry) })] as TemplateObject)
        }
        let (library, _) = Self.library(["page": "{{#sections}}{{#entries}}{{.}}{{/entries}}{{/sections}}"])
        var parts: [[UInt8]] = []
        var renderer = TemplateRenderer(library: library) { bytes in
            parts.append(bytes)
            bytes.removeAll()
        }
        try renderer.render(template: 0, context: .object(["sections": .list(sections)] as TemplateObject))
        parts.append(renderer.output)
        #expect(parts.count > 2)
        #expect(parts.joined().count == 900 * 1_000)
    }

    @Test func sequenceInsideAnIndentedPartialIsIndentedLineByLine() {
        let context: TemplateValue = .object(["items": .sequence(TemplateSequence(count: 50) { .number($0) })] as TemplateObject)
        let (text, _) = Self.render(["page": "<\n  {{> list}}\n>\n", "list": "{{#items}}\n{{.}}\n{{/items}}\n"], "page", context)
        #expect(text == "<\n" + (0..<50).map { "  \($0)\n" }.joined() + ">\n")
    }
}
