import Synchronization
import Testing

@testable import BookletCore

/// `concurrentForEachChunk`: results in order, memory bounded by the window, stops on error.
@Suite("Concurrent chunks")
struct ConcurrentChunkTests {
    struct Stop: Error, Equatable {}

    @Test func chunksArriveInOrderWhateverTheirSpeed() async {
        var seen: [Int] = []
        var sizes: [Int] = []
        let values = Array(0..<1000)
        await values.concurrentForEachChunk(chunkSize: 7, window: 4) { value -> Int in
            // Early chunks are the slowest, so later ones finish first and must wait.
            var spin = 0
            for step in 0..<((1000 - value) * 50) { spin &+= step }
            return value + (spin == -1 ? 1 : 0)
        } consume: { chunk in
            seen += chunk
            sizes.append(chunk.count)
        }
        #expect(seen == values)
        #expect(sizes.dropLast().allSatisfy { $0 == 7 })
        #expect(sizes.last == 1000 % 7)
    }

    @Test func noMoreThanTheWindowIsRenderedAhead() async {
        let started = Atomic<Int>(0)
        var worst = 0
        var consumed = 0
        await Array(0..<400).concurrentForEachChunk(chunkSize: 5, window: 3) { value -> Int in
            started.add(1, ordering: .relaxed)
            return value
        } consume: { chunk in
            consumed += chunk.count
            // Rendered but not consumed yet, in chunks (this one included).
            worst = max(worst, (started.load(ordering: .relaxed) - consumed + chunk.count + 4) / 5)
        }
        #expect(consumed == 400)
        #expect(worst <= 3)
    }

    @Test func anErrorStopsConsuming() async {
        var consumed = 0
        await #expect(throws: Stop()) {
            try await Array(0..<100).concurrentForEachChunk(chunkSize: 10) {
                $0
            } consume: {
                (chunk: [Int]) throws(Stop) in
                consumed += 1
                if consumed == 3 { throw Stop() }
            }
        }
        #expect(consumed == 3)
    }

    @Test func nothingToDoConsumesNothing() async {
        var calls = 0
        await [Int]().concurrentForEachChunk(chunkSize: 4) {
            $0
        } consume: { _ in
            calls += 1
        }
        #expect(calls == 0)
    }
}
