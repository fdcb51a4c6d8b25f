import Foundation

extension Array where Element: Sendable {
    /// Maps the elements in parallel on all cores, keeping their order.
    ///
    /// Work is cut into a few chunks per core, so a task's overhead is paid per chunk, not
    /// per element. `transform` runs concurrently and must not share mutable state.
    func concurrentMap<Result: Sendable>(
        _ transform: @escaping @Sendable (Element) -> Result
    ) async -> [Result] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let chunkSize = Swift.max(1, (count + cores * 4 - 1) / (cores * 4))
        if count <= 1 || cores == 1 { return map(transform) }
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            for start in stride(from: 0, to: count, by: chunkSize) {
                let chunk = Array(self[start..<Swift.min(start + chunkSize, count)])
                group.addTask { (start, chunk.map(transform)) }
            }
            var parts: [(Int, [Result])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
