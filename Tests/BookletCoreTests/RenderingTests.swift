import Foundation
import Testing

@testable import BookletCore

@Suite("Rendering")
struct RenderingTests {
    @Test func headingIdsAreSlugsDeduplicatedInOrder() {
        var slugger = HeadingSlugger()
        #expect(slugger.id(for: "The leader's role: overall") == "the-leaders-role-overall")
        #expect(slugger.id(for: "Self-disclosure") == "self-disclosure")
        #expect(slugger.id(for: "Self disclosure") == "self-disclosure-2")
        #expect(slugger.id(for: "Self-disclosure") == "self-disclosure-3")
        #expect(slugger.id(for: "Übertragung — 沈黙") == "übertragung-沈黙")
        #expect(slugger.id(for: "!!!") == "section")
    }

    @Test func rawHTMLIsEscapedAndWarnedAbout() async throws {
        let corpus = try TemporaryCorpus([
            "moves/raw.md":
                "---\ntitle: Raw <b>bold</b>\ntopics: [silence]\n---\nHello <script>alert(1)</script> world.\n\n<div>block</div>\n"
        ])
        let report = try await corpus.build()
        #expect(
            report.lines == [
                "\(corpus.path("moves/raw.md")):5:1: warning: raw HTML is shown as plain text; write Markdown instead, or set 'unsafe-html: true' in booklet.yml",
                "\(corpus.path("moves/raw.md")):7:1: warning: raw HTML is shown as plain text; write Markdown instead, or set 'unsafe-html: true' in booklet.yml",
            ])
        let page = try corpus.outputText("moves/raw.html")
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("Hello &lt;script&gt;alert(1)&lt;/script&gt; world."))
        #expect(page.contains("<p>&lt;div&gt;block&lt;/div&gt;</p>"))
        #expect(page.contains("<h1><span class=\"number\">2.1</span> Raw &lt;b&gt;bold&lt;/b&gt;</h1>"))
    }

    @Test func levelOneHeadingIsAWarningAndRendersAsLevelTwoEverywhere() async throws {
        let corpus = try TemporaryCorpus([
            "moves/top.md": "---\ntitle: Top\n---\n# Why\n\ntext\n\n> # Quoted\n\nUnder\n=====\n\n## Two\n"
        ])
        let report = try await corpus.build()
        let file = corpus.path("moves/top.md")
        let tail = "as the entry's title is the page's top heading"
        #expect(
            report.lines.filter { $0.contains("renders like") } == [
                "\(file):4:1: warning: heading '# Why' renders like '## Why', \(tail); did you mean '## Why'?",
                "\(file):8:3: warning: heading '# Quoted' renders like '## Quoted', \(tail); did you mean '## Quoted'?",
                "\(file):10:1: warning: heading underlined with '=' renders like '## Under', \(tail); did you mean to underline it with '-'?",
            ])
        let page = try corpus.outputText("moves/top.html")
        #expect(page.contains("<h2 id=\"why\">Why</h2>"))
        #expect(page.contains("<h2 id=\"two\">Two</h2>"))
        // On the print page headings sit deeper, and `#` still sits where `##` does.
        let print = try corpus.outputText("print.html")
        let why = try #require(print.firstMatch(of: /<h(\d) id="[^"]*why">Why</)?.1)
        let two = try #require(print.firstMatch(of: /<h(\d) id="[^"]*two">Two</)?.1)
        #expect(why == two && why != "2")
    }

    @Test func linksAndCodeInfoAreWrittenAsCMarkWritesThem() async throws {
        let corpus = try TemporaryCorpus([
            "moves/odd.md":
                "---\ntitle: Odd\n---\n```ruby\tstart=3\nputs 1\n```\n\n[a](<https://example.org/a b\\c é?q='1'&r=\"2\"~>)\n"
        ])
        _ = try await corpus.build()
        let page = try corpus.outputText("moves/odd.html")
        #expect(page.contains("<pre><code class=\"language-ruby\">puts 1\n</code></pre>"))
        #expect(
            page.contains(
                "<a class=\"external\" href=\"https://example.org/a%20b%5Cc%20%C3%A9?q=&#x27;1&#x27;&amp;r=%222%22~\">a</a>"
            ))
        #expect("-_.+!*(),%#@?=;:/$~Az09".hrefEscaped == "-_.+!*(),%#@?=;:/$~Az09")
        #expect("[]{}|^`<>\\ \t".hrefEscaped == "%5B%5D%7B%7D%7C%5E%60%3C%3E%5C%20%09")
    }

    @Test func smartPunctuationIsApplied() async throws {
        let corpus = try TemporaryCorpus([
            "moves/quotes.md": "---\ntitle: Quotes\ntopics: [silence]\n---\n\"Don't\" -- wait...\n"
        ])
        _ = try await corpus.build()
        #expect(try corpus.outputText("moves/quotes.html").contains("<p>“Don’t” – wait…</p>"))
    }

    @Test func everyLinkInTheSiteIsRelativeAndNamesAFile() async throws {
        let corpus = try TemporaryCorpus()
        _ = try await corpus.build()
        for (path, data) in try treeContents(corpus.output) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for match in html.matches(of: /(?:href|src)="([^"]*)"/) {
                let target = String(match.1)
                #expect(!target.hasPrefix("/"), "\(path): rooted link \(target)")
                #expect(!target.hasSuffix("/"), "\(path): folder link \(target)")
                #expect(!target.isEmpty, "\(path): empty link")
            }
        }
    }

    @Test func misspeltTemplateKeyIsReported() async throws {
        let corpus = try TemporaryCorpus()
        let templates = corpus.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates.path)
        let entry = templates.appendingPathComponent("html/entry.mustache")
        let text = try String(contentsOf: entry, encoding: .utf8).replacingOccurrences(
            of: "{{title}}</h1>", with: "{{titel}}</h1>")
        try Data(text.utf8).write(to: entry)
        let report = try await Pipeline.check(
            Pipeline.Options(contentPath: corpus.content, templatesPath: templates.path))
        #expect(
            report.lines == [
                "\(templates.path)/html/entry.mustache:7:44: warning: template uses 'titel', which this page does not provide; it renders as nothing"
            ])
    }

    @Test func shippedTemplatesUseOnlyKeysThePagesProvide() async throws {
        // A corpus that exercises every optional part: summaries, sources, backlinks,
        // related entries, see-also, aliases, handouts, comparison sections.
        let taxonomy = TemporaryCorpus.validFiles["taxonomy.yml"]!.replacingOccurrences(
            of: "    title: Leader moves", with: "    title: Leader moves\n    compare: [A, B]")
        let corpus = try TemporaryCorpus([
            "taxonomy.yml": taxonomy,
            "moves/shutting-up.md":
                "---\ntitle: Shutting up\nsource: A source\nsummary: S.\ntopics: [silence, the-frame]\n---\n## A\n\nx\n\n## B\n\ny\n\n## Why\n\nz\n",
        ])
        let report = try await corpus.check(strict: true)
        #expect(report.lines == [])
    }

    @Test func templateSyntaxErrorIsReportedAtItsLine() async throws {
        let corpus = try TemporaryCorpus()
        let templates = corpus.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates.path)
        let term = templates.appendingPathComponent("html/term.mustache")
        let text = try String(contentsOf: term, encoding: .utf8).replacingOccurrences(
            of: "{{/term}}", with: "{{/terms}}")
        try Data(text.utf8).write(to: term)
        let report = try await Pipeline.check(
            Pipeline.Options(contentPath: corpus.content, templatesPath: templates.path))
        #expect(report.lines.count == 1)
        #expect(report.lines.first?.hasPrefix("\(templates.path)/html/term.mustache:28:1:") == true, "\(report.lines)")
        #expect(
            report.lines.first?.hasSuffix(
                "error: template syntax error: a section closes with a different name than it opened ('{{/terms}}' closes '{{#term}}')"
            ) == true, "\(report.lines)")
    }

    @Test func templateEscapingEscapesTheFiveCharactersByteByByte() throws {
        // Every ASCII character and text beyond ASCII, alone and next to the escaped characters.
        let ascii = String(decoding: (1...127).map { UInt8($0) }, as: UTF8.self)
        let samples = [
            "", "plain", ascii, "Übertragung <b> & 沈黙 \"q\" 'a' 👩‍⚕️&", "&amp;", "é<é>é", "'''", "\u{1}\u{2}",
        ]
        for sample in samples {
            var expected = ""
            for scalar in sample.unicodeScalars {
                switch scalar {
                case "&": expected += "&amp;"
                case "<": expected += "&lt;"
                case ">": expected += "&gt;"
                case "\"": expected += "&quot;"
                case "'": expected += "&#39;"
                default: expected.unicodeScalars.append(scalar)
                }
            }
            var bytes: [UInt8] = []
            HTMLEscaping.append(sample, to: &bytes)
            #expect(bytes == Array(expected.utf8), "\(sample.debugDescription)")
        }
        #expect("a\"b'c<&>".htmlEscaped == "a&quot;b'c&lt;&amp;&gt;")
    }

    @Test func quoteWithCombiningMarkIsEscapedInTemplates() throws {
        // `"` then U+0301 is one Character; escaping Characters rather than bytes would leave
        // it alone, and in a quoted attribute it would end the value.
        let title = "x\"\u{301} onmouseover=alert(1) \"<\u{338}"
        let corpus = try TemporaryCorpus()
        let templates = corpus.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates.path)
        try Data("<a title=\"{{t}}\">{{t}}</a>\n".utf8).write(
            to: templates.appendingPathComponent("html/probe.mustache"))
        let (set, diagnostics) = TemplateSet.load(path: templates.path)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let escaped = "x&quot;\u{301} onmouseover=alert(1) &quot;&lt;\u{338}"
        #expect(
            try #require(set).render("html/probe", ["t": .text(title)]).text
                == "<a title=\"\(escaped)\">\(escaped)</a>\n")
    }

    @Test func templateErrorOnTheFirstLineKeepsItsLineAndColumn() async throws {
        // The escaping pragma Booklet puts before each template must not shift positions.
        let corpus = try TemporaryCorpus()
        let templates = corpus.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates.path)
        try Data("{{#a}}{{/b}}\n".utf8).write(to: templates.appendingPathComponent("html/search.mustache"))
        let report = try await Pipeline.check(
            Pipeline.Options(contentPath: corpus.content, templatesPath: templates.path))
        #expect(
            report.lines == [
                "\(templates.path)/html/search.mustache:1:7: error: template syntax error: a section closes with a different name than it opened ('{{/b}}' closes '{{#a}}')"
            ])
    }
}
