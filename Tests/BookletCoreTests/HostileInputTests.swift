import Foundation
import Testing

@testable import BookletCore

#if canImport(Glibc)
    import Glibc
#endif

/// Builds the base fixture, damages it with `damage`, builds again and checks the report.
/// Whatever happens, a failed build must leave the previous site byte-identical and no
/// staging debris beside it.
func expectAfterDamage(
    strict: Bool = false,
    sourceLocation: Testing.SourceLocation = #_sourceLocation,
    _ damage: (HostileScratch) throws -> Void,
    _ check: (Pipeline.Report, HostileScratch) throws -> Void
) async throws {
    let scratch = try HostileScratch()
    defer { scratch.remove() }
    let before = try await scratch.buildBaseline()
    try damage(scratch)
    let report = try await scratch.build(strict: strict)
    try check(report, scratch)
    if !report.succeeded {
        #expect(
            try treeContents(scratch.output, includingFolders: true) == before, "previous site changed",
            sourceLocation: sourceLocation)
    }
    #expect(
        try HostileTree.siblings(of: scratch.output) == ["content", "site", "templates"], "debris beside the output",
        sourceLocation: sourceLocation)
}

/// Every output file's text, for checks that nothing injected survives.
func outputTexts(_ scratch: HostileScratch) throws -> [String: String] {
    try treeContents(scratch.output, includingFolders: true).compactMapValues {
        $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self)
    }
}

@Suite("Hostile input: encodings and broken files")
struct HostileEncodingTests {
    @Test func invalidUTF8IsReportedAtItsLineAndColumn() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", bytes: Array("---\ntitle: X\n---\nab".utf8) + [0xC3, 0x28, 0x0A])
        } _: { report, _ in
            expectHostileError(
                report, path: "content/introductions/x.md", line: 4, column: 3, "file is not valid UTF-8")
        }
    }

    @Test func utf16FileIsNamedAsSuch() async throws {
        try await expectAfterDamage {
            var bytes: [UInt8] = [0xFF, 0xFE]
            for unit in "---\ntitle: X\n---\nHello\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            try $0.write("introductions/x.md", bytes: bytes)
        } _: { report, _ in
            expectHostileError(
                report, path: "content/introductions/x.md", line: 1, column: 1, "file is UTF-16; save it as UTF-8")
        }
    }

    @Test func utf16WithoutBOMIsRejectedAsBinary() async throws {
        try await expectAfterDamage {
            try $0.write(
                "introductions/x.md",
                bytes: "---\ntitle: X\n---\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/x.md", line: 1, column: 2, "NUL byte")
        }
    }

    @Test func binaryJunkNamedMarkdownIsRejected() async throws {
        var generator = SystemRandomNumberGenerator()
        let junk = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try await expectAfterDamage {
            try $0.write("introductions/junk.md", bytes: junk)
            // Junk without NUL bytes is caught by the UTF-8 check instead.
            try $0.write("ground-rules/junk.md", bytes: junk.map { $0 == 0 ? 0xFF : $0 })
        } _: { report, _ in
            #expect(!report.succeeded)
            #expect(report.hostileErrors.contains { $0.location.path.hasSuffix("introductions/junk.md") })
            #expect(
                report.hostileErrors.contains {
                    $0.location.path.hasSuffix("ground-rules/junk.md") && $0.message.contains("not valid UTF-8")
                })
        }
    }

    @Test func binaryConfigurationFileIsRejected() async throws {
        try await expectAfterDamage {
            try $0.write("taxonomy.yml", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00])
        } _: { report, _ in
            expectHostileError(report, path: "content/taxonomy.yml", line: 1, column: 7, "NUL byte")
        }
    }

    @Test func emptyFile() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/empty.md", "")
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/empty.md", line: 1, column: 1, "file is empty")
        }
    }

    @Test func emptyConfigurationFile() async throws {
        try await expectAfterDamage {
            try $0.write("booklet.yml", "")
        } _: { report, _ in
            expectHostileError(report, path: "content/booklet.yml", line: 1, "needs a 'title'")
        }
    }

    @Test func frontMatterWithoutClosingFence() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\ntitle: X\nBody text.\n")
        } _: { report, _ in
            expectHostileError(
                report, path: "content/introductions/x.md", line: 1, column: 1, "front matter is not closed")
        }
    }

    @Test func missingFrontMatter() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "# Just Markdown\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/x.md", line: 1, column: 1, "missing front matter")
        }
    }

    @Test func bodyThatIsOnlyFrontMatterBuilds() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/only.md", "---\ntitle: Only front matter\n---")
            try $0.write("ground-rules/crlf.md", "\u{FEFF}---\r\ntitle: CRLF and BOM\r\n---\r\n")
        } _: { report, scratch in
            #expect(report.succeeded, "\(report.lines)")
            #expect(FileManager.default.fileExists(atPath: scratch.output + "/introductions/only.html"))
            #expect(FileManager.default.fileExists(atPath: scratch.output + "/ground-rules/crlf.html"))
        }
    }

    @Test func frontMatterWithoutTitle() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\n---\nBody\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/x.md", line: 1, column: 1, "no 'title'")
        }
    }
}

@Suite("Hostile input: YAML")
struct HostileYAMLTests {
    @Test func tabsInIndentation() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\ntitle: X\ntopics:\n\t- the-frame\n---\nBody\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/x.md", line: 4, column: 1, "tabs")
        }
    }

    @Test func tabsInTaxonomy() async throws {
        try await expectAfterDamage {
            try $0.edit("taxonomy.yml", replacing: "    title: Ground rules", with: "\ttitle: Ground rules")
        } _: { report, _ in
            expectHostileError(report, path: "content/taxonomy.yml", line: 6, column: 1, "tabs")
        }
    }

    @Test func duplicateKeysPointAtTheRepeat() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\ntitle: X\norder: 1\ntitle: Y\n---\nBody\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/x.md", line: 4, "duplicate key 'title'")
        }
    }

    /// "Billion laughs": aliases that would expand to 9^7 items are refused at the first
    /// anchor, before anything reads the copies.
    @Test(.timeLimit(.minutes(5))) func anchorsAndAliasesDoNotExplode() async throws {
        let yaml = """
            title: Laughs
            a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
            topics: *g
            """
        // The reader alone is timed: whole builds take tens of seconds while the rest of
        // the suite runs in parallel, and the refusal must be immediate whatever the load.
        let clock = ContinuousClock()
        let start = clock.now
        var reader = YAMLReader(path: "content/introductions/laughs.md", lineOffset: 1)
        #expect(reader.root(of: yaml) == nil)
        #expect(clock.now - start < .seconds(2))
        try await expectAfterDamage {
            try $0.write("introductions/laughs.md", "---\n" + yaml + "\n---\nBody\n")
        } _: { report, _ in
            expectHostileError(
                report, path: "content/introductions/laughs.md", line: 3, column: 4,
                "YAML anchors ('&name') and aliases ('*name') are not supported; write each value out in full")
            #expect(report.diagnostics.count < 50)
        }
    }

    /// Even a harmless anchor is refused: one rule for every YAML file is easier to
    /// explain than a limit on how far aliases may multiply.
    @Test func aliasUsedAsAValueIsRefused() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\ntitle: &t Aliased\nsummary: *t\ntopics: [the-frame]\n---\nBody\n")
        } _: { report, _ in
            expectHostileError(
                report, path: "content/introductions/x.md", line: 2, column: 8, "YAML anchors ('&name')")
        }
    }

    @Test func undefinedAliasIsASyntaxError() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\ntitle: *nothing\n---\nBody\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/x.md", line: 2, "invalid YAML")
        }
    }

    @Test func deeplyNestedValueIsRefused() async throws {
        try await expectAfterDamage {
            let nested = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
            try $0.write("introductions/x.md", "---\ntitle: Deep\nsummary: \(nested)\n---\nBody\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/x.md", line: 3, "invalid YAML")
        }
    }

    @Test func deeplyNestedMappingInTaxonomyIsRefused() async throws {
        try await expectAfterDamage {
            var yaml = try $0.read("taxonomy.yml") + "  deep:\n    title: Deep\n    terms:\n"
            for depth in 0..<1_200 { yaml += String(repeating: " ", count: 6 + depth * 2) + "- a:\n" }
            try $0.write("taxonomy.yml", yaml)
        } _: { report, _ in
            #expect(!report.succeeded)
            #expect(report.hostileErrors.contains { $0.location.path.hasSuffix("taxonomy.yml") })
        }
    }

    @Test func hugeScalarIsHandled() async throws {
        try await expectAfterDamage {
            let title = String(repeating: "Long title ", count: 200_000)  // 2.2 MB
            try $0.write("introductions/x.md", "---\ntitle: \(title)\n---\nBody\n")
        } _: { report, _ in
            #expect(report.succeeded, "\(report.lines.prefix(3))")
        }
    }

    @Test func orderThatIsNotANumber() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\ntitle: X\norder: \"two\"\n---\nBody\n")
        } _: { report, _ in
            expectHostileError(
                report, path: "content/introductions/x.md", line: 3, column: 8, "'order' must be a whole number")
        }
    }

    @Test func topicsThatIsNotAList() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\ntitle: X\ntopics: x\n---\nBody\n")
        } _: { report, _ in
            expectHostileError(
                report, path: "content/introductions/x.md", line: 3, column: 9, "'topics' must be a list")
        }
    }

    @Test func titleThatIsAMapping() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\ntitle:\n  a: b\n---\nBody\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/x.md", line: 3, "'title' must be text")
        }
    }

    @Test func frontMatterThatIsAList() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\n- a\n- b\n---\nBody\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/x.md", line: 2, "front matter must be a mapping")
        }
    }

    @Test func textWidthOutOfRange() async throws {
        try await expectAfterDamage {
            try $0.edit(
                "booklet.yml", replacing: "language: en", with: "language: en\ntext-width: 100000000000000000000")
        } _: { report, _ in
            expectHostileError(report, path: "content/booklet.yml", line: 5, "'text-width'")
        }
    }
}

@Suite("Hostile input: large and deep Markdown")
struct HostileSizeTests {
    @Test(.timeLimit(.minutes(5))) func fiveMegabyteEntry() async throws {
        try await expectAfterDamage {
            var body = ""
            let words = ["group", "doctor", "patient", "confidentiality", "frame", "case", "feeling"]
            var index = 0
            while body.utf8.count < 5 * 1024 * 1024 {
                for _ in 0..<80 {
                    body += words[index % words.count] + " "
                    index += 7
                }
                body += "\n\n"
            }
            try $0.write("introductions/big.md", "---\ntitle: Big\n---\n" + body)
        } _: { report, scratch in
            #expect(report.succeeded, "\(report.lines.prefix(3))")
            let size =
                (try? FileManager.default.attributesOfItem(atPath: scratch.output + "/introductions/big.html")[.size]
                    as? Int) ?? 0
            #expect(size > 5 * 1024 * 1024)
        }
    }

    @Test(.timeLimit(.minutes(5))) func tenThousandDeepBlockquote() async throws {
        try await expectAfterDamage {
            try $0.write(
                "introductions/deep.md", "---\ntitle: Deep\n---\n" + String(repeating: ">", count: 10_000) + " deep\n")
        } _: { report, scratch in
            #expect(report.succeeded, "\(report.lines.prefix(3))")
            #expect(FileManager.default.fileExists(atPath: scratch.output + "/introductions/deep.html"))
        }
    }

    @Test(.timeLimit(.minutes(5))) func tenThousandDeepList() async throws {
        try await expectAfterDamage {
            try $0.write(
                "introductions/deep.md", "---\ntitle: Deep\n---\n" + String(repeating: "- ", count: 10_000) + "x\n")
            try $0.write(
                "ground-rules/deep.md",
                "---\ntitle: Deep ordered\n---\n" + String(repeating: "1. ", count: 10_000) + "x\n")
        } _: { report, _ in
            #expect(report.succeeded, "\(report.lines.prefix(3))")
        }
    }

    @Test(.timeLimit(.minutes(5))) func tenThousandNestedInlines() async throws {
        try await expectAfterDamage {
            let emphasis = String(repeating: "*a ", count: 10_000) + "x" + String(repeating: " b*", count: 10_000)
            let links = String(repeating: "[", count: 10_000) + "x" + String(repeating: "](#nowhere)", count: 10_000)
            try $0.write("introductions/deep.md", "---\ntitle: Deep\n---\n\(emphasis)\n\n\(links)\n")
        } _: { report, _ in
            // The links point nowhere: errors, each one located, no crash.
            expectHostileError(report, path: "content/introductions/deep.md", line: 6, "no heading '#nowhere'")
        }
    }

    @Test func manyHeadingsWithTheSameText() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\ntitle: X\n---\n" + String(repeating: "## Same\n\n", count: 2_000))
        } _: { report, scratch in
            #expect(report.succeeded)
            let page = try String(contentsOfFile: scratch.output + "/introductions/x.html", encoding: .utf8)
            #expect(page.contains("id=\"same-2000\""))
        }
    }
}

@Suite("Hostile input: ids that collide with generated output")
struct HostileCollisionTests {
    static let reservedSectionIDs = ["index", "assets", "search", "search-index", "print", "booklet"]

    @Test(arguments: reservedSectionIDs)
    func sectionIDReserved(_ id: String) async throws {
        try await expectAfterDamage {
            try $0.edit("taxonomy.yml", replacing: "vocabularies:", with: "  - id: \(id)\n    title: X\nvocabularies:")
        } _: { report, _ in
            expectHostileError(
                report, path: "content/taxonomy.yml", line: 7, "section '\(id)' collides with a page Booklet generates")
        }
    }

    @Test func sectionNamedLikeAVocabulary() async throws {
        try await expectAfterDamage {
            try $0.edit("taxonomy.yml", replacing: "vocabularies:", with: "  - id: topics\n    title: X\nvocabularies:")
        } _: { report, _ in
            expectHostileError(
                report, path: "content/taxonomy.yml", line: 10,
                "vocabulary 'topics' has the same id as section 'topics'")
        }
    }

    @Test func sectionNamedLikeAHandout() async throws {
        try await expectAfterDamage {
            try $0.edit(
                "taxonomy.yml", replacing: "vocabularies:", with: "  - id: welcome\n    title: X\nvocabularies:")
        } _: { report, _ in
            expectHostileError(
                report, path: "content/booklet.yml", line: 6, "handout 'welcome' has the same id as section 'welcome'")
        }
    }

    @Test(arguments: ["print", "assets", "index"])
    func vocabularyKeyReserved(_ key: String) async throws {
        try await expectAfterDamage {
            try $0.write("taxonomy.yml", try $0.read("taxonomy.yml") + "  \(key):\n    title: X\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/taxonomy.yml", line: 17, "vocabulary '\(key)' collides")
        }
    }

    @Test(arguments: ["http", "https", "mailto", "javascript", "file", "data"])
    func vocabularyKeyThatIsAURLScheme(_ key: String) async throws {
        try await expectAfterDamage {
            try $0.write("taxonomy.yml", try $0.read("taxonomy.yml") + "  \(key):\n    title: X\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/taxonomy.yml", line: 17, "is a URL scheme")
        }
    }

    @Test(arguments: ["title", "order"])
    func vocabularyKeyThatIsAFrontMatterKey(_ key: String) async throws {
        try await expectAfterDamage {
            try $0.write("taxonomy.yml", try $0.read("taxonomy.yml") + "  \(key):\n    title: X\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/taxonomy.yml", line: 17, "built-in front-matter key")
        }
    }

    @Test func entryNamedIndex() async throws {
        try await expectAfterDamage {
            try $0.write("ground-rules/index.md", "---\ntitle: Index\n---\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/ground-rules/index.md", "cannot be named 'index'")
        }
    }

    @Test(arguments: ["index", "search", "print", "booklet", "introductions", "topics"])
    func handoutIDReservedOrTaken(_ id: String) async throws {
        try await expectAfterDamage {
            try $0.edit("booklet.yml", replacing: "id: welcome", with: "id: \(id)")
        } _: { report, _ in
            expectHostileError(report, path: "content/booklet.yml", line: 6, "handout '\(id)'")
        }
    }

    @Test func twoHandoutsWithOneID() async throws {
        try await expectAfterDamage {
            try $0.write(
                "booklet.yml",
                try $0.read("booklet.yml") + "  - id: welcome\n    title: Again\n    entries: [introductions/welcome]\n"
            )
        } _: { report, _ in
            expectHostileError(
                report, path: "content/booklet.yml", line: 12, "handout 'welcome' has the same id as handout 'welcome'")
        }
    }

    @Test func termNamedIndex() async throws {
        try await expectAfterDamage {
            try $0.edit("taxonomy.yml", replacing: "id: the-frame", with: "id: index")
        } _: { report, _ in
            expectHostileError(report, path: "content/taxonomy.yml", line: 14, "term id 'index' would overwrite")
        }
    }

    @Test(arguments: ["Index", "../etc", "a--b", "-a", "ünïcode", "a b", "a/b"])
    func invalidIDs(_ id: String) async throws {
        try await expectAfterDamage {
            try $0.edit("taxonomy.yml", replacing: "id: ground-rules", with: "id: \"\(id)\"")
        } _: { report, _ in
            expectHostileError(report, path: "content/taxonomy.yml", line: 5, "is not valid")
        }
    }

    @Test func sectionFolderThatIsNotDeclared() async throws {
        try await expectAfterDamage {
            try $0.write("assets/x.md", "---\ntitle: X\n---\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/assets", "folder 'assets' is not a section declared")
        }
    }
}

@Suite("Hostile input: links")
struct HostileLinkTests {
    static let cases: [(destination: String, message: String)] = [
        ("../../../etc/passwd.md", "leaves the content folder"),
        ("../ground-rules/../../../x.md", "leaves the content folder"),
        ("%2e%2e/%2e%2e/%2e%2e/etc/passwd.md", "leaves the content folder"),
        ("/etc/passwd.md", "absolute link"),
        ("~/notes.md", "absolute link"),
        ("file:///etc/passwd", "'file:' links are not allowed"),
        ("javascript:alert(1)", "'javascript:' links are not allowed"),
        ("JaVaScRiPt:alert(1)", "'javascript:' links are not allowed"),
        ("&#106;avascript:alert(1)", "'javascript:' links are not allowed"),
        ("vbscript:msgbox(1)", "'vbscript:' links are not allowed"),
        ("data:text/html,<script>alert(1)</script>", "'data:' links are not allowed"),
        ("<java script:alert(1)>", "does not name an entry"),
        ("../ground-rules/nothing.md", "no entry 'ground-rules/nothing'"),
        ("../ground-rules/confidentiality.md#nothing", "has no heading '#nothing'"),
        ("topics:nothing", "unknown topics term 'nothing'"),
        ("topcis:the-frame", "unknown vocabulary or URL scheme 'topcis:'"),
    ]

    @Test(arguments: cases.indices)
    func escapingAndUnsafeLinks(_ index: Int) async throws {
        let (destination, message) = Self.cases[index]
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\ntitle: X\n---\nFirst paragraph.\n\nSee [here](\(destination)).\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/x.md", line: 6, message)
            #expect(report.hostileErrors.count == 1, "\(report.lines)")
        }
    }

    @Test func linkColumnIsTheDestination() async throws {
        try await expectAfterDamage {
            try $0.write(
                "introductions/x.md", "---\ntitle: X\n---\nSee [a](javascript:x) and [b](../../../etc/passwd.md).\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/x.md", line: 4, column: 9, "'javascript:'")
            expectHostileError(
                report, path: "content/introductions/x.md", line: 4, column: 31, "leaves the content folder")
        }
    }

    @Test func referenceStyleLinkIsChecked() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\ntitle: X\n---\nSee [here][r].\n\n[r]: javascript:alert(1)\n")
        } _: { report, _ in
            expectHostileError(
                report, path: "content/introductions/x.md", line: 4, "'javascript:' links are not allowed")
        }
    }

    @Test func imageFromTheNetwork() async throws {
        try await expectAfterDamage {
            try $0.write("introductions/x.md", "---\ntitle: X\n---\n![x](https://example.com/t.png)\n")
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/x.md", line: 4, "on the network")
        }
    }

    @Test func unsafeLinkInATermDefinition() async throws {
        try await expectAfterDamage {
            try $0.edit(
                "taxonomy.yml", replacing: "definition: Time, place and rules of the group.",
                with: "definition: \"Time, [place](javascript:alert(1)) and [rules](../../x.md).\"")
        } _: { report, _ in
            // Reported at the link inside the definition's text (a quoted scalar).
            expectHostileError(
                report, path: "content/taxonomy.yml", line: 16, column: 36, "'javascript:' links are not allowed")
            expectHostileError(report, path: "content/taxonomy.yml", line: 16, column: 69, "leaves the content folder")
        }
    }

    @Test func unsafeLinkInTheMemo() async throws {
        try await expectAfterDamage {
            try $0.edit("booklet.yml", replacing: "We meet on Tuesdays.", with: "We meet [here](javascript:alert(1)).")
        } _: { report, _ in
            expectHostileError(report, path: "content/booklet.yml", line: 9, "'javascript:' links are not allowed")
        }
    }

    @Test func unsafeLinkInASectionSummary() async throws {
        try await expectAfterDamage {
            try $0.edit(
                "taxonomy.yml", replacing: "summary: Short texts for new members.",
                with: "summary: \"[x](file:///etc/passwd)\"")
        } _: { report, _ in
            expectHostileError(
                report, path: "content/taxonomy.yml", line: 4, column: 19, "'file:' links are not allowed")
        }
    }
}

@Suite("Hostile input: HTML and scripts are escaped or dropped")
struct HostileScriptTests {
    /// Markers whose unescaped form must appear in no output file.
    static let forbidden = ["<script>alert", "<img src=x", "<b onclick", "<iframe", "</title><script>"]

    static func expectNothingExecutes(
        _ scratch: HostileScratch, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        // Plain-text files (booklet.txt, handouts) show an editor's literal "<script>" as
        // the text it is; only what a browser parses as HTML or runs as script is checked.
        for (path, text) in try outputTexts(scratch) where path.hasSuffix(".html") || path.hasSuffix(".js") {
            for marker in forbidden {
                #expect(!text.contains(marker), "\(path) contains \(marker)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func scriptAndRawHTMLInMarkdown() async throws {
        try await expectAfterDamage {
            try $0.write(
                "introductions/x.md",
                """
                ---
                title: X
                ---
                Hello <script>alert(1)</script> and <b onclick="alert(2)">bold</b>.

                <script>
                alert(3)
                </script>

                <iframe src="https://example.com"></iframe>

                <img src=x onerror=alert(1)>

                ## <script>alert(4)</script>

                ```html
                <script>alert(5)</script>
                ```

                """)
        } _: { report, scratch in
            #expect(report.succeeded)
            #expect(
                report.diagnostics.filter { $0.message.contains("raw HTML") }.map(\.location.line) == [
                    4, 6, 10, 12, 14,
                ])
            try Self.expectNothingExecutes(scratch)
            let page = try String(contentsOfFile: scratch.output + "/introductions/x.html", encoding: .utf8)
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.contains("&lt;script&gt;alert(5)&lt;/script&gt;"))
        }
    }

    @Test func rawHTMLFailsAStrictBuildAndKeepsTheOldSite() async throws {
        try await expectAfterDamage(strict: true) {
            try $0.write("introductions/x.md", "---\ntitle: X\n---\n<script>alert(1)</script>\n")
        } _: { report, _ in
            #expect(!report.succeeded)
            #expect(
                report.lines.contains {
                    $0.hasSuffix(
                        "introductions/x.md:4:1: warning: raw HTML is shown as plain text; write Markdown instead, or set 'unsafe-html: true' in booklet.yml"
                    )
                })
        }
    }

    @Test func scriptsInFrontMatter() async throws {
        try await expectAfterDamage {
            try $0.write(
                "introductions/x.md",
                """
                ---
                title: "</title><script>alert(1)</script>"
                summary: "<img src=x onerror=alert(1)>"
                source: "<script>alert(1)</script>"
                topics: [the-frame]
                ---
                Body.

                """)
        } _: { report, scratch in
            #expect(report.succeeded, "\(report.lines)")
            try Self.expectNothingExecutes(scratch)
            let index = try String(contentsOfFile: scratch.output + "/search-index.js", encoding: .utf8)
            #expect(!index.contains("</script"))
        }
    }

    @Test func scriptsInTaxonomyAndConfiguration() async throws {
        try await expectAfterDamage {
            try $0.edit(
                "booklet.yml", replacing: "title: Hostile Test Booklet",
                with: "title: \"</title><script>alert(1)</script>\"")
            try $0.edit(
                "booklet.yml", replacing: "subtitle: A small", with: "subtitle: <img src=x onerror=alert(1)> A small")
            try $0.edit("booklet.yml", replacing: "We meet on Tuesdays.", with: "<script>alert(1)</script>")
            try $0.edit("taxonomy.yml", replacing: "title: Ground rules", with: "title: \"<script>alert(1)</script>\"")
            try $0.edit(
                "taxonomy.yml", replacing: "summary: Short texts for new members.",
                with: "summary: \"<img src=x onerror=alert(1)>\"")
            try $0.edit("taxonomy.yml", replacing: "title: Topics", with: "title: \"<script>alert(1)</script>\"")
            try $0.edit("taxonomy.yml", replacing: "title: The frame", with: "title: \"<b onclick=alert(1)>frame</b>\"")
            try $0.edit(
                "taxonomy.yml", replacing: "definition: Time, place and rules of the group.",
                with: "definition: \"<script>alert(1)</script> <iframe src=x></iframe>\"")
        } _: { report, scratch in
            #expect(report.succeeded, "\(report.lines)")
            #expect(report.diagnostics.allSatisfy { $0.severity == .warning })
            try Self.expectNothingExecutes(scratch)
        }
    }
}

@Suite("Hostile input: file system")
struct HostileFileSystemTests {
    @Test func symbolicLinksAreIgnored() async throws {
        try await expectAfterDamage { scratch in
            let manager = FileManager.default
            try manager.createSymbolicLink(
                atPath: scratch.content + "/introductions/passwd.md", withDestinationPath: "/etc/passwd")
            try manager.createSymbolicLink(atPath: scratch.content + "/etc", withDestinationPath: "/etc")
            try manager.createSymbolicLink(
                atPath: scratch.content + "/introductions/loop-a.md", withDestinationPath: "loop-b.md")
            try manager.createSymbolicLink(
                atPath: scratch.content + "/introductions/loop-b.md", withDestinationPath: "loop-a.md")
            try manager.createSymbolicLink(atPath: scratch.content + "/introductions/self.md", withDestinationPath: ".")
            try manager.createSymbolicLink(atPath: scratch.content + "/ground-rules/up", withDestinationPath: "..")
        } _: { report, scratch in
            #expect(report.succeeded, "\(report.lines)")
            #expect(report.diagnostics.count == 6)
            #expect(
                report.diagnostics.allSatisfy {
                    $0.severity == .warning && $0.message.hasPrefix("symbolic link ignored")
                })
            for (path, text) in try outputTexts(scratch) { #expect(!text.contains("root:x:0:0"), "\(path)") }
        }
    }

    @Test func symbolicLinkInPlaceOfAConfigurationFile() async throws {
        try await expectAfterDamage { scratch in
            let moved = scratch.templates + "/taxonomy-elsewhere.yml"
            try FileManager.default.moveItem(atPath: scratch.content + "/taxonomy.yml", toPath: moved)
            try FileManager.default.createSymbolicLink(
                atPath: scratch.content + "/taxonomy.yml", withDestinationPath: moved)
        } _: { report, _ in
            expectHostileError(report, path: "content/taxonomy.yml", "must be a regular file")
        }
    }

    /// The content folder named on the command line may itself be a link (a shared
    /// checkout, say): it is the user's choice, so it is followed.
    @Test func contentFolderGivenAsASymbolicLink() async throws {
        let scratch = try HostileScratch()
        defer { scratch.remove() }
        let link = scratch.root + "/content-link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: scratch.content)
        let report = try await Pipeline.build(
            Pipeline.Options(contentPath: link, templatesPath: scratch.templates, outputPath: scratch.output))
        #expect(report.succeeded, "\(report.lines)")
        #expect(report.entryCount == 2)
    }

    @Test func templatesFolderGivenAsASymbolicLink() async throws {
        let scratch = try HostileScratch()
        defer { scratch.remove() }
        let link = scratch.root + "/templates-link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: scratch.templates)
        let report = try await Pipeline.build(
            Pipeline.Options(contentPath: scratch.content, templatesPath: link, outputPath: scratch.output))
        #expect(report.succeeded, "\(report.lines)")
    }

    @Test(.timeLimit(.minutes(5))) func fifoNamedMarkdownDoesNotHang() async throws {
        try await expectAfterDamage { scratch in
            #expect(mkfifo(scratch.content + "/introductions/pipe.md", 0o644) == 0)
            #expect(mkfifo(scratch.content + "/booklet.yml.tmp", 0o644) == 0)
        } _: { report, _ in
            #expect(report.succeeded)
            #expect(
                report.lines.contains {
                    $0.hasSuffix("introductions/pipe.md: warning: not a regular file; ignored")
                })
        }
    }

    @Test func fifoInPlaceOfAConfigurationFileDoesNotHang() async throws {
        try await expectAfterDamage { scratch in
            try FileManager.default.removeItem(atPath: scratch.content + "/booklet.yml")
            #expect(mkfifo(scratch.content + "/booklet.yml", 0o644) == 0)
        } _: { report, _ in
            expectHostileError(report, path: "content/booklet.yml", "must be a regular file")
        }
    }

    @Test func folderNamedLikeAnEntry() async throws {
        try await expectAfterDamage { scratch in
            try FileManager.default.createDirectory(
                atPath: scratch.content + "/introductions/folder.md", withIntermediateDirectories: true)
        } _: { report, _ in
            #expect(report.succeeded)
            #expect(
                report.lines.contains {
                    $0.contains("introductions/folder.md: warning: folders inside a section are not read")
                })
        }
    }

    /// Root reads any file whatever its mode, so as root this runs the check through the
    /// CLI as user `nobody` (HostileCLITests.unreadableFileAsAnotherUser); here it runs
    /// only for non-root users.
    @Test(.enabled(if: !hostileIsRoot, "root reads files with mode 000; see HostileCLITests"))
    func unreadableEntry() async throws {
        try await expectAfterDamage { scratch in
            let path = scratch.content + "/introductions/welcome.md"
            #expect(chmod(path, 0) == 0)
        } _: { report, _ in
            expectHostileError(report, path: "content/introductions/welcome.md", "cannot read file: Permission denied")
        }
    }

    @Test func templateSyntaxErrorIsReportedAtTheTemplateLine() async throws {
        try await expectAfterDamage { scratch in
            let path = scratch.templates + "/html/entry.mustache"
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text = "{{! first line }}\n{{#broken}}\n{{title}\n" + text
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        } _: { report, _ in
            expectHostileError(
                report, path: "templates/html/entry.mustache", line: 3, "template syntax error: a tag is not closed")
        }
    }

    @Test func templateSectionClosedWrongly() async throws {
        try await expectAfterDamage { scratch in
            let path = scratch.templates + "/html/term.mustache"
            try "{{#a}}\nx\n{{/b}}\n".write(toFile: path, atomically: false, encoding: .utf8)
        } _: { report, _ in
            expectHostileError(report, path: "templates/html/term.mustache", line: 3, "closes with a different name")
        }
    }

    @Test func templateInBinary() async throws {
        try await expectAfterDamage { scratch in
            try Data([0x00, 0x01, 0xFF]).write(to: URL(fileURLWithPath: scratch.templates + "/html/search.mustache"))
        } _: { report, _ in
            expectHostileError(report, path: "templates/html/search.mustache", line: 1, "NUL byte")
        }
    }

    @Test func missingRequiredTemplate() async throws {
        try await expectAfterDamage { scratch in
            try FileManager.default.removeItem(atPath: scratch.templates + "/html/cover.mustache")
        } _: { report, _ in
            expectHostileError(report, path: "templates/html/cover.mustache", "required template is missing")
        }
    }

    @Test func outputInsideAFileIsAUsageError() async throws {
        let scratch = try HostileScratch()
        defer { scratch.remove() }
        try "x".write(toFile: scratch.root + "/file", atomically: false, encoding: .utf8)
        await #expect(throws: UsageError.self) {
            _ = try await scratch.build(output: scratch.root + "/file/site")
        }
        #expect(try HostileTree.siblings(of: scratch.output) == ["content", "file", "templates"])
    }

    @Test func outputFolderNotWritable() async throws {
        let scratch = try HostileScratch()
        defer { scratch.remove() }
        // /proc refuses new folders even to root; for other users a mode-555 parent does too.
        var output = "/proc/booklet-hostile-site"
        if !hostileIsRoot {
            let parent = scratch.root + "/read-only"
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
            chmod(parent, 0o555)
            output = parent + "/site"
        }
        do {
            _ = try await scratch.build(output: output)
            Issue.record("build into \(output) should fail")
        } catch {
            #expect("\(error)".contains("cannot create folder"), "\(error)")
        }
    }

    @Test func outputThatIsSomeoneElsesFolderIsRefused() async throws {
        let scratch = try HostileScratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.output, withIntermediateDirectories: false)
        try "precious".write(toFile: scratch.output + "/notes.txt", atomically: false, encoding: .utf8)
        do {
            _ = try await scratch.build()
            Issue.record("should refuse")
        } catch {
            #expect("\(error)".contains("was not made by Booklet"))
        }
        #expect(try String(contentsOfFile: scratch.output + "/notes.txt", encoding: .utf8) == "precious")
    }

    @Test(arguments: ["content", "content/introductions", ".", "/"])
    func outputThatWouldSwallowTheContentIsRefused(_ relative: String) async throws {
        let scratch = try HostileScratch()
        defer { scratch.remove() }
        let output = relative.hasPrefix("/") ? relative : scratch.root + "/" + relative
        do {
            _ = try await scratch.build(output: output)
            Issue.record("should refuse \(output)")
        } catch {
            #expect("\(error)".contains("output folder"), "\(error)")
        }
        #expect(FileManager.default.fileExists(atPath: scratch.content + "/introductions/welcome.md"))
    }

    @Test func staleStagingDebrisIsCleanedUp() async throws {
        try await expectAfterDamage { scratch in
            let parent = (scratch.output as NSString).deletingLastPathComponent
            for name in [".site.booklet-staging", ".site.booklet-old"] {
                try FileManager.default.createDirectory(
                    atPath: parent + "/" + name + "/deep/er", withIntermediateDirectories: true)
                try "junk".write(toFile: parent + "/" + name + "/deep/er/file.html", atomically: false, encoding: .utf8)
            }
        } _: { report, _ in
            #expect(report.succeeded)
        }
    }
}
