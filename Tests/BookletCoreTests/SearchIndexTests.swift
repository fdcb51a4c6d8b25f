import Testing

@testable import BookletCore

/// The search index's postings: gaps in base 36, built per block and joined.
@Suite("Search index postings")
struct SearchIndexTests {
    @Test func runEncodesGapsInBase36() {
        #expect(PostingsRun([0, 3, 4, 40]).text == "0,2,0,z")
        #expect(PostingsRun([5]).text == "5")
        #expect(PostingsRun([36 + 2]).text == "12")
    }

    @Test func runsJoinedAcrossBlocksEqualOneRun() {
        // Every way of cutting a list into two or three consecutive blocks, including
        // blocks whose first gap needs more digits once it counts from the previous block.
        let positions = [1, 2, 40, 41, 80, 1300, 1301, 1337, 5000]
        let whole = PostingsRun(positions).text
        for first in 1..<positions.count {
            for second in first..<positions.count {
                let blocks = [positions[..<first], positions[first..<second], positions[second...]].filter {
                    !$0.isEmpty
                }
                let run = PostingsRun(joining: blocks.map { PostingsRun(Array($0)) })
                #expect(run.text == whole, "cut at \(first), \(second)")
            }
        }
    }
}

/// The body words and snippets the search index gets from the parse stage.
@Suite("Search index body words")
struct SearchBodyWordTests {
    @Test func leadIsTheStartOfTheTextOnOneLine() {
        let long = String(repeating: "word ", count: 60)
        for text in [
            "", "\n\n", "One line.", "First\nsecond\n\n\nthird\n", long, "a\n" + long,
            String(repeating: "x\n", count: 300),
            String(repeating: "é\u{2028}", count: 150), "\n" + String(repeating: "y", count: 200) + "\nz",
        ] {
            // What the index wrote before leads were cut from the text's start only.
            var expected = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            if expected.count > EntryDocument.leadLimit {
                expected = String(expected.prefix(EntryDocument.leadLimit)) + "…"
            }
            #expect(EntryDocument.lead(of: text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func bodyWordsArePostedPerEntryInOrder() async throws {
        let corpus = try TemporaryCorpus([
            "moves/alpha.md": "---\ntitle: Alpha\n---\nZebra crossing, and the zebra again.\n",
            "moves/beta.md": "---\ntitle: Beta\n---\nNo stripes here: crossing only.\n",
        ])
        let report = try await corpus.build()
        #expect(report.succeeded)
        let index = try corpus.outputText("search-index.js")
        let docs = index.components(separatedBy: "\n\"docs\":[\n")[1].components(separatedBy: "],\n\"words\"")[0]
        let rows = docs.components(separatedBy: ",\n")
        let alpha = try #require(rows.firstIndex { $0.contains("\"Alpha\"") })
        let beta = try #require(rows.firstIndex { $0.contains("\"Beta\"") })
        // Each word once per entry; stop words ("and", "the") left out.
        #expect(index.contains("\"zebra\":\"\(String(alpha, radix: 36))\""))
        let both = [alpha, beta].sorted()
        #expect(
            index.contains(
                "\"crossing\":\"\(String(both[0], radix: 36)),\(String(both[1] - both[0] - 1, radix: 36))\""))
        #expect(!index.contains("\"the\":"))
        #expect(!index.contains("\"and\":"))
    }
}

@Suite("Base 36")
struct Base36Tests {
    @Test func digitsMatchTheStandardLibrary() {
        for value in [0, 1, 9, 10, 35, 36, 37, 1295, 1296, 46655, 46656, 1_000_000, Int(Int32.max), Int.max] {
            var bytes: [UInt8] = []
            PostingsRun.appendBase36(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(value, radix: 36), "\(value)")
        }
    }
}

@Suite("Search index in parts")
struct SearchIndexPartTests {
    @Test func partsJoinToTheWholeIndex() async throws {
        let corpus = try TemporaryCorpus()
        let (booklet, _) = try await corpus.link()
        let index = SearchIndex(booklet: booklet)
        var whole: [String] = []
        await index.write(partSize: Int.max) { whole.append($0) }
        var parts: [String] = []
        await index.write(partSize: 200) { parts.append($0) }
        #expect(whole.count == 1)
        #expect(parts.count > 3)
        #expect(parts.dropLast().allSatisfy { $0.utf8.count >= 200 })
        #expect(parts.joined() == whole.joined())
        #expect(whole.joined().hasPrefix("window.BOOKLET_SEARCH_INDEX = {\"version\":2,"))
        #expect(whole.joined().hasSuffix("}};\n"))
        #expect(whole.joined().contains("\n\"silence\":\""))
    }
}

@Suite("Search words")
struct SearchWordTests {
    @Test func wordsAreFoldedRunsOfLettersAndDigits() {
        #expect(
            searchWords("Café, Déjà-vu ÉTÉ naïve’s 日本語 x2 HELLO world")
                == ["cafe", "deja", "vu", "ete", "naive", "s", "日本語", "x2", "hello", "world"])
        let long = String(repeating: "a", count: SearchIndex.longestWord)
        #expect(searchWords(long + " " + long + "b é" + long) == [long])
        #expect(searchWords("") == [])
        #expect(searchWords("...") == [])
    }
}

/// The searchable words of `text`, as the index posts them.
private func searchWords(_ text: String) -> [String] {
    var result: [String] = []
    Words.forEachSearchable(in: text, longest: SearchIndex.longestWord) {
        result.append(String(decoding: $0, as: UTF8.self))
    }
    return result
}
