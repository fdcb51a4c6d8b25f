// Renders the shipped entry, term and cover templates with one context each through both
// engines, many times, and prints the time per page of each. The contexts have the names
// and sizes of a real page of the 10,000-entry benchmark corpus (8 sections, 2
// vocabularies, a 4 KB body, a few terms, backlinks and related entries).
import BookletCore
import Foundation
import Mustache

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: TemplateEngines TEMPLATES-FOLDER [RENDERS]")
    exit(2)
}
let templatesPath = arguments[1]
let renders = arguments.count > 2 ? Int(arguments[2]) ?? 20_000 : 20_000

// MARK: - Contexts, as Booklet builds them

func link(_ n: Int) -> TemplateObject {
    [
        "number": .text("3.\(n)"), "title": .text("Entry number \(n) about the group"),
        "url": .text("../moves/entry-\(n).html"), "summary": [.text("What entry \(n) says, in one sentence.")],
        "section_title": "Leader moves",
    ]
}

func common(page: String) -> TemplateObject {
    [
        "lang": "en", "booklet_title": "Leading a Balint Group", "booklet_subtitle": ["A How To booklet"],
        "publisher": ["American Balint Society"], "page_title": "Entry number 7", "is_cover": .bool(page == "cover"),
        "page_kind": .text(page), "description": ["What entry 7 says."], "root": "../", "home_url": "../index.html",
        "search_url": "../search.html", "print_url": "../print.html", "text_url": "../booklet.txt",
        "assets": "../assets/",
        "nav_sections": .objects(
            (1...8).map {
                ["number": .number($0), "title": .text("Section \($0)"), "url": .text("../s\($0)/index.html"), "current": .bool($0 == 3)]
            }),
        "nav_vocabularies": .objects(
            ["Topics", "Contributors"].map { ["title": .text($0), "url": .text("../\($0.lowercased())/index.html"), "current": false] }),
        "handouts": .objects([["title": "Welcome", "html_url": "../welcome.html", "text_url": "../welcome.txt"]]),
        "breadcrumbs": .objects([["title": "Leading a Balint Group", "url": "../index.html"], ["title": "3. Leader moves", "url": "../moves/index.html"]]),
    ]
}

let body = String(repeating: "<p>The leader waits &amp; listens; the group’s silence is <em>work</em>, not absence.</p>\n", count: 48)

func entryContext() -> TemplateObject {
    var context = common(page: "entry")
    context["entry"] = .object(
        [
            "number": "3.7", "title": "Entry number 7", "summary": ["What entry 7 says."],
            "source": ["Ground Rules, from Greg Troll, Salinas, California"], "body_html": .text(body),
            "section_title": "Leader moves", "section_number": 3, "section_url": "../moves/index.html",
            "taxonomies": .objects(
                [
                    [
                        "title": "Topics", "key": "topics", "url": "../topics/index.html",
                        "terms": .objects((1...5).map { ["title": .text("Topic \($0)"), "url": .text("../topics/t\($0).html")] }),
                    ],
                    [
                        "title": "Contributors", "key": "contributors", "url": "../contributors/index.html",
                        "terms": .objects([["title": "Greg Troll", "url": "../contributors/greg-troll.html"]]),
                    ],
                ]),
            "backlinks": .objects((1...3).map(link)), "related": .objects((4...8).map(link)),
            "previous": .objects([link(6)]), "next": .objects([link(8)]),
        ] as TemplateObject)
    return context
}

func termContext() -> TemplateObject {
    var context = common(page: "term")
    context["term"] = .object(
        [
            "title": "Silence", "vocabulary_title": "Topics", "vocabulary_url": "../topics/index.html",
            "definition_html": "<p>What the leader’s silence does for the group.</p>\n", "aliases": ["silent", "quiet"],
            "see_also": .objects([["title": "The frame", "url": "the-frame.html"]]), "count": 40,
            "groups": .objects(
                (1...4).map { section in
                    [
                        "section_title": .text("Section \(section)"), "section_number": .number(section),
                        "section_url": .text("../s\(section)/index.html"), "entries": .objects((1...10).map(link)),
                    ]
                }),
        ] as TemplateObject)
    return context
}

// MARK: - The same contexts for swift-mustache, configured as Booklet had it

func any(_ value: TemplateValue) -> Any {
    switch value {
    case .text(let text): return text
    case .number(let number): return number
    case .bool(let flag): return flag
    case .null: return [Any]()
    case .list(let items): return items.map(any)
    case .object(let object): return any(object as? TemplateObject ?? [:])
    case .sequence(let sequence): return (0..<sequence.count).map { any(sequence.item($0)) }
    }
}

func any(_ object: TemplateObject) -> [String: Any] { object.values.mapValues(any) }

/// The escaping Booklet registered with swift-mustache: byte by byte.
struct ByteHTML: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes += "&amp;".utf8
            case 0x3C: bytes += "&lt;".utf8
            case 0x3E: bytes += "&gt;".utf8
            case 0x22: bytes += "&quot;".utf8
            case 0x27: bytes += "&#39;".utf8
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The context root Booklet used: it records names it does not have.
final class RecordingContext: MustacheParent {
    let values: [String: Any]
    var missing: Set<String> = []
    init(_ values: [String: Any]) { self.values = values }
    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        missing.insert(name)
        return nil
    }
}

MustacheContentTypes.register(ByteHTML(), named: "BYTE_HTML")
var mustacheTemplates: [String: MustacheTemplate] = [:]
for name in ["layout", "entry", "term", "cover"] {
    let text = try String(contentsOfFile: templatesPath + "/html/" + name + ".mustache", encoding: .utf8)
    mustacheTemplates[name] = try MustacheTemplate(string: "{{% CONTENT_TYPE: BYTE_HTML}}\n" + text)
}
let mustache = MustacheLibrary(templates: mustacheTemplates)
let (loaded, problems) = TemplateSet.load(path: templatesPath)
guard let booklet = loaded else {
    print(problems)
    exit(1)
}

// MARK: - Timing

func measure(_ label: String, _ body: () -> Int) -> Double {
    _ = body()
    let clock = ContinuousClock()
    let start = clock.now
    var bytes = 0
    for _ in 0..<renders { bytes &+= body() }
    let elapsed = clock.now - start
    let micro = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
    let perPage = micro / Double(renders)
    print(String(format: "%-34@ %8.1f µs/page  (%d bytes)", label as NSString, perPage, bytes / renders))
    return perPage
}

print("\(renders) renders of each page; one core")
for (name, context) in [("entry", entryContext()), ("term", termContext())] {
    let mustacheContext = any(context)
    let booklet = measure("html/\(name): Booklet's engine") { booklet.render("html/\(name)", context).text.utf8.count }
    let old = measure("html/\(name): swift-mustache 2.1.1") {
        (mustache.render(RecordingContext(mustacheContext), withTemplate: name) ?? "").utf8.count
    }
    // The same output, else the comparison says nothing.
    let same = booklet.isFinite && booklet > 0
        && booklet_render(name, context) == (mustache.render(RecordingContext(mustacheContext), withTemplate: name) ?? "")
    print(String(format: "html/%@: %.1f× faster%@", name as NSString, old / booklet, same ? "" : " (OUTPUTS DIFFER)"))
}

func booklet_render(_ name: String, _ context: TemplateObject) -> String { booklet.render("html/\(name)", context).text }
