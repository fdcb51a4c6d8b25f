import PropertyBased
import Testing

@testable import BookletCore

/// Generators of heading-like text: mostly words, with punctuation, spaces, hyphens,
/// accents, other scripts, digits, emoji and control characters mixed in.
enum SlugGen {
    static let pieces: [String] = [
        "Ground", "rules", "the", "Frame", "-", "--", "_", " ", "  ", "\t", "!", "?", "'", "\u{2019}", "\"",
        "<script>", "&amp;", "/", ".", "..", "#", "%20", "Été", "Straße", "ΑΒΓ", "日本語", "١٢٣", "Ⅻ", "½",
        "😀", "👩‍⚕️", "\u{0301}", "\u{200B}", "\u{0000}", "\n", "İ", "ß", "K", "ﬁ", "3", "42",
    ]

    static let text = Gen<String?>.element(of: pieces).map { $0! }.array(of: 0...12).map { $0.joined() }
    static let texts = text.array(of: 1...30)
}

@Suite("Property: heading slugs and suggested ids")
struct PropertySlugTests {
    @Test func headingSlugIsNeverEmptyAndWellFormed() async {
        await propertyCheck(count: 2_000, input: SlugGen.text) { text in
            let slug = HeadingSlugger.slug(text)
            #expect(!slug.isEmpty)
            #expect(!slug.contains("--"))
            #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-"))
            // Safe inside an HTML attribute and a URL fragment without escaping.
            #expect(
                !slug.unicodeScalars.contains { $0.properties.isWhitespace || "<>\"'&#%/?".unicodeScalars.contains($0) }
            )
            #expect(slug == slug.lowercased())
        }
    }

    @Test func headingSlugIsStable() async {
        await propertyCheck(count: 500, input: SlugGen.text) { text in
            #expect(HeadingSlugger.slug(text) == HeadingSlugger.slug(text))
            #expect(HeadingSlugger.slug(HeadingSlugger.slug(text)) == HeadingSlugger.slug(text))
        }
    }

    @Test func sluggerIdsAreUniqueWithinADocument() async {
        await propertyCheck(count: 1_000, input: SlugGen.texts) { headings in
            var slugger = HeadingSlugger()
            let ids = headings.map { slugger.id(for: $0) }
            #expect(Set(ids).count == ids.count, "\(ids)")
            for (heading, id) in zip(headings, ids) {
                #expect(id.hasPrefix(HeadingSlugger.slug(heading)))
            }
        }
    }

    @Test func sluggerRespectsReservedIds() async {
        await propertyCheck(count: 500, input: SlugGen.texts) { headings in
            let reserved: Set<String> = ["section", "ground-rules", "ground-rules-2", "the-frame"]
            var slugger = HeadingSlugger(reserved: reserved)
            let ids = headings.map { slugger.id(for: $0) }
            #expect(reserved.isDisjoint(with: ids))
            #expect(Set(ids).count == ids.count)
        }
    }

    @Test func suggestedIdIsValidOrEmpty() async {
        await propertyCheck(count: 2_000, input: SlugGen.text) { title in
            let id = Identifier.suggested(from: title)
            #expect(id.isEmpty || Identifier.isValid(id), "'\(id)' from '\(title)'")
            #expect(Identifier.suggested(from: id) == id)
        }
    }

    @Test func suggestedIdsFoldAsWordsDo() {
        // Both curly apostrophes join like `'`; a dotted capital I is an i, not a break.
        #expect(Identifier.suggested(from: "‘İzmir’ Leader’s role") == "izmir-leaders-role")
        #expect(HeadingSlugger.slug("‘İzmir’ Leader’s role") == "izmir-leaders-role")
    }

    @Test func suggestedIdOfAnyByteStringIsValidOrEmpty() async {
        await propertyCheck(count: 2_000, input: Gen<UInt8>.value(in: 0...255).array(of: 0...40)) { bytes in
            let id = Identifier.suggested(from: String(decoding: bytes, as: UTF8.self))
            #expect(id.isEmpty || Identifier.isValid(id))
        }
    }

    @Test func validIdsAreExactlyTheGrammar() async {
        let alphabet = Gen<Character?>.element(of: Array("ab09-_A.é ")).map { $0! }
        await propertyCheck(count: 2_000, input: alphabet.array(of: 0...8).map { String($0) }) { id in
            let expected =
                !id.isEmpty
                && id.split(separator: "-", omittingEmptySubsequences: false).allSatisfy {
                    !$0.isEmpty && $0.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
                }
            #expect(Identifier.isValid(id) == expected, "'\(id)'")
        }
    }
}
