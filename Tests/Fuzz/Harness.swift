// Fuzz harness bodies shared by the libFuzzer targets in this folder.
//
// Each target feeds arbitrary bytes through one parsing stage of BookletCore the way the
// loader does, and checks the invariants that stage promises. A Swift runtime trap
// (index out of range, overflow, force-unwrap), an AddressSanitizer report, a failed
// `check` or a timeout is a finding. Built by Tests/Fuzz/run.sh; see docs/reliability.md.
//
// `swift test` compiles this same file (Tests/BookletCoreTests/FuzzHarness.swift is a link
// to it) and replays every committed crash and seed through it
// (HostileFuzzRegressionTests), with a `check` that records an issue; the fuzz binaries
// get theirs from FuzzCheck.swift.

@testable import BookletCore
import Foundation

/// Front-matter splitting, YAML composition and the typed readers behind entries,
/// booklet.yml and taxonomy.yml.
func fuzzFrontMatter(_ bytes: [UInt8]) {
    let path = "content/fuzz/entry.md"
    switch SourceText.decode(bytes, path: path) {
    case .failure(let diagnostic):
        check(diagnostic.severity == .error, "decode failure must be an error")
        check(diagnostic.location.line >= 1, "decode failure must point at a line")
    case .success(let text):
        check(!text.text.contains("\r"), "CR survived normalisation")
        var diagnostics: [Diagnostic] = []
        switch FrontMatter.split(text) {
        case .failure(let diagnostic):
            check(diagnostic.location.line == 1, "front-matter failure points at line 1")
        case .success(let frontMatter):
            check(frontMatter.bodyLineOffset >= 2, "body starts after both fences")
            let lines = text.text.split(separator: "\n", omittingEmptySubsequences: false).count
            check(frontMatter.bodyLineOffset <= lines, "body offset \(frontMatter.bodyLineOffset) beyond \(lines) lines")
        }
        _ = EntrySource.read(
            text, id: "fuzz/entry", sectionID: "fuzz", slug: "entry", vocabularyKeys: ["topics", "contributors"],
            diagnostics: &diagnostics)
        _ = BookletConfig.read(text, diagnostics: &diagnostics)
        _ = TaxonomyConfig.read(text, diagnostics: &diagnostics)
        for diagnostic in diagnostics {
            check(diagnostic.location.path == path, "diagnostic for another file")
            check(diagnostic.location.line >= 0 && diagnostic.location.column >= 0, "negative position")
        }
    }
}

/// Link classification, relative-path resolution and the Markdown scan that finds links,
/// headings and raw HTML with their source positions.
func fuzzLinks(_ bytes: [UInt8]) {
    var text = String(decoding: bytes, as: UTF8.self)
    // The loader hands cmark normalised text (SourceText turns CR and CRLF into LF).
    text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    let classified = LinkDestination.classify(text, vocabularies: ["topics", "contributors"])
    if case .external(let url) = classified {
        let scheme = url.prefix(while: { $0 != ":" }).lowercased()
        check(!LinkDestination.unsafeSchemes.contains(scheme), "unsafe scheme classified external: \(url)")
    }
    if let id = LinkResolver.entryID(relativePath: text, fromSection: "ground-rules") {
        // `..` components are consumed or refused; only a last component made from a file
        // named `...md` can read `..`, and no entry has that id, so it resolves to nothing.
        check(!id.split(separator: "/").dropLast().contains(".."), "resolved id climbs out of the content folder: \(id)")
    }
    _ = text.removingPercentEncodingIfPossible
    let lineOffset = Int(bytes.first ?? 0) % 8
    let document = EntryDocument.scan(markdown: text, lineOffset: lineOffset, path: "content/fuzz/entry.md")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    for link in document.links {
        check(link.location.line >= 1 && link.location.line <= lines + lineOffset + 1, "link line out of file")
    }
    let ids = document.headings.map(\.id)
    check(Set(ids).count == ids.count, "duplicate heading ids \(ids)")
}

/// Heading slugs and suggested ids.
func fuzzSlugs(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let slug = HeadingSlugger.slug(text)
    check(!slug.isEmpty, "empty slug")
    check(!slug.contains("--"), "slug with --: \(slug)")
    check(!slug.hasPrefix("-") && !slug.hasSuffix("-"), "slug with edge hyphen: \(slug)")
    check(!slug.unicodeScalars.contains { $0.properties.isWhitespace || $0 == "<" || $0 == "\"" || $0 == "&" },
          "slug with space or markup: \(slug)")
    var slugger = HeadingSlugger()
    var seen: Set<String> = []
    for part in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
        let id = slugger.id(for: String(part))
        check(seen.insert(id).inserted, "slugger repeated \(id)")
    }
    let suggested = Identifier.suggested(from: text)
    check(suggested.isEmpty || Identifier.isValid(suggested), "invalid suggestion '\(suggested)' for '\(text)'")
}

/// The plain-text wrapper: first byte picks the width, the rest is the text. Lines fit
/// unless they hold a single unbreakable word, and no visible character is lost.
func fuzzTextLayout(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    let width = Int(first % 100) + 1
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let lines = TextLayout.wrap(text, width: width)
    // Unbreakable runs of the input (no-break spaces come out as ordinary spaces).
    let words = Set(text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
        TextLayout.tokens($0).map { String($0.text.map { "\u{00A0}\u{202F}\u{2007}".contains($0) ? " " : $0 }) }
    })
    for line in lines where TextLayout.width(of: line) > width {
        check(words.contains(line), "breakable line over \(width) columns: \(line.debugDescription)")
    }
    // Compared by scalar: a combining mark after a tab joins the space that replaces it.
    let ink = { (text: String) in Array(text.unicodeScalars.filter { !$0.properties.isWhitespace }) }
    check(ink(lines.joined(separator: "\n")) == ink(text), "text lost or changed by wrapping")
}

/// The YAML reader on its own, as for booklet.yml and taxonomy.yml (first byte picks the
/// line offset): no anchors or aliases survive, so the tree is no larger than the text;
/// no value holds a control character; every diagnostic is one line at a place in the file.
func fuzzYAML(_ bytes: [UInt8]) {
    let path = "content/taxonomy.yml"
    let lineOffset = Int(bytes.first ?? 0) % 4
    var text = String(decoding: bytes, as: UTF8.self)
    text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    var reader = YAMLReader(path: path, lineOffset: lineOffset)
    if let root = reader.root(of: text) {
        var pending = [root]
        var count = 0
        while let node = pending.popLast() {
            count += 1
            check(count <= 4 * bytes.count + 4, "tree of \(count)+ nodes from \(bytes.count) bytes: aliases expanded")
            switch node {
            case .mapping(let mapping): for (key, value) in mapping { pending += [key, value] }
            case .sequence(let sequence): pending += Array(sequence)
            case .scalar(let scalar):
                check(!scalar.string.unicodeScalars.contains(where: \.isForbiddenControl), "control character in a value")
            case .alias: break
            }
        }
    } else {
        check(reader.diagnostics.contains { $0.severity == .error }, "no root and no error")
    }
    var diagnostics = reader.diagnostics
    let source = SourceText(path: path, text: text)
    _ = BookletConfig.read(source, diagnostics: &diagnostics)
    _ = TaxonomyConfig.read(source, diagnostics: &diagnostics)
    for diagnostic in diagnostics {
        check(diagnostic.location.path == path, "diagnostic for another file")
        check(diagnostic.location.line >= 0 && diagnostic.location.column >= 0, "negative position")
        check(diagnostic.location.line <= lines + lineOffset + 1, "diagnostic line \(diagnostic.location.line) beyond the file")
        check(!diagnostic.description.unicodeScalars.contains { $0.value < 0x20 }, "control character in a message")
    }
}

/// The template engine: parsing and compiling a template and a partial (the input split at
/// its first NUL byte), then rendering with a small context of every kind of value. Every
/// diagnostic is at a place in one of the two files, and rendering ends, within its
/// limits, with output or one error.
func fuzzTemplates(_ bytes: [UInt8]) {
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    let page = String(decoding: bytes[..<split], as: UTF8.self)
    let part = split < bytes.count ? String(decoding: bytes[(split + 1)...], as: UTF8.self) : "{{a}}"
    let escaping = (bytes.first ?? 0) & 1 == 0
    let (library, diagnostics) = TemplateLibrary.compile([
        TemplateLibrary.Source(name: "page", path: "page.mustache", text: page, escaping: escaping),
        TemplateLibrary.Source(name: "part", path: "part.mustache", text: part, escaping: escaping),
    ])
    for diagnostic in diagnostics {
        check(["page.mustache", "part.mustache"].contains(diagnostic.location.path), "diagnostic for another file")
        check(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "diagnostic without a place")
        check(!diagnostic.message.contains("\n"), "message of more than one line")
    }
    guard let index = library.index(of: "page") else { return }
    let item: TemplateValue = .object(["a": "<x>", "b": 2, "list": ["p", "q"]] as TemplateObject)
    let context: TemplateValue = .object(
        [
            "a": "a & b", "b": 7, "flag": true, "no": false, "none": .null, "list": [item, item, "s"],
            "obj": item, "seq": .sequence(TemplateSequence(count: 40) { $0 % 2 == 0 ? item : .number($0) }),
        ] as TemplateObject)
    var renderer = TemplateRenderer(library: library, maximumItems: 200_000, maximumExpansions: 20_000)
    do {
        try renderer.render(template: index, context: context)
        check(renderer.report.failure == nil, "failure without a throw")
    } catch {
        check(renderer.report.failure != nil, "stopped without saying why")
    }
}
