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
                var run = PostingsRun(Array(blocks[0]))
                for block in blocks.dropFirst() { run.append(PostingsRun(Array(block))) }
                #expect(run.text == whole, "cut at \(first), \(second)")
            }
        }
    }
}
