import Foundation

extension Array where Element: Sendable {
    /// Maps the elements in parallel on all cores, keeping their order.
    ///
    /// Work is cut into a few chunks per core, so a task's overhead is paid per chunk, not
    /// per element. `transform` runs concurrently and must not share mutable state.
    func concurrentMap<Result: Sendable>(
        _ transform: @escaping @Sendable (Element) -> Result
    ) async -> [Result] {
        let chunks = ProcessInfo.processInfo.activeProcessorCount * 4
        if count <= 1 || chunks <= 4 { return map(transform) }
        var results: [Result] = []
        results.reserveCapacity(count)
        await concurrentForEachChunk(chunkSize: (count + chunks - 1) / chunks, window: chunks, transform) {
            results += $0
        }
        return results
    }

    /// Maps the elements in parallel, chunk by chunk, handing each chunk's results to
    /// `consume` in order as soon as it and every chunk before it are done.
    ///
    /// Unlike mapping batch after batch, no core waits at a batch's end for its slowest
    /// chunk, and `consume` (writing files) overlaps the rendering of the next chunks. At
    /// most `window` chunks are being rendered or waiting to be consumed, which bounds
    /// memory. Stops at the first error `consume` throws (chunks in flight finish, unused).
    func concurrentForEachChunk<Result: Sendable, Failure: Error>(
        chunkSize: Int, window: Int? = nil,
        _ transform: @escaping @Sendable (Element) -> Result,
        consume: ([Result]) throws(Failure) -> Void
    ) async throws(Failure) {
        let size = Swift.max(1, chunkSize)
        let chunkCount = (count + size - 1) / size
        let limit = Swift.max(1, window ?? ProcessInfo.processInfo.activeProcessorCount * 4)
        let elements = self
        var failure: Failure?
        await withTaskGroup(of: (Int, [Result]).self) { group in
            var started = 0
            func start() {
                let index = started
                let range = (index * size)..<Swift.min((index + 1) * size, elements.count)
                let chunk = Array(elements[range])
                group.addTask { (index, chunk.map(transform)) }
                started += 1
            }
            while started < Swift.min(chunkCount, limit) { start() }
            var done: [Int: [Result]] = [:]
            var next = 0
            for await (index, results) in group {
                done[index] = results
                while failure == nil, let ready = done.removeValue(forKey: next) {
                    do throws(Failure) { try consume(ready) } catch { failure = error }
                    next += 1
                }
                while failure == nil && started < chunkCount && started - next < limit { start() }
            }
        }
        if let failure { throw failure }
    }
}
