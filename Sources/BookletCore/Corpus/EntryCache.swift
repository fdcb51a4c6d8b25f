import Foundation

/// Each entry file's reading (its `EntrySource` and diagnostics), kept between runs of
/// the pipeline by the live preview, so a rebuild after one saved file parses that file's
/// front matter only. A reading is reused only for the same path, the very same bytes and
/// the same vocabularies; anything else is read afresh. Safe to share between tasks.
public final class EntryCache: @unchecked Sendable {
    private struct Reading {
        var bytes: [UInt8]
        var vocabularyKeys: [String]
        var result: (EntrySource?, [Diagnostic])
    }

    private let lock = NSLock()
    private var readings: [String: Reading] = [:]

    /// An empty cache.
    public init() {}

    /// How many files have a reading kept.
    public var count: Int { lock.withLock { readings.count } }

    func lookup(_ path: String, bytes: [UInt8], vocabularyKeys: [String]) -> (EntrySource?, [Diagnostic])? {
        lock.withLock {
            guard let reading = readings[path], reading.vocabularyKeys == vocabularyKeys, reading.bytes == bytes
            else { return nil }
            return reading.result
        }
    }

    func store(_ path: String, bytes: [UInt8], vocabularyKeys: [String], result: (EntrySource?, [Diagnostic])) {
        lock.withLock { readings[path] = Reading(bytes: bytes, vocabularyKeys: vocabularyKeys, result: result) }
    }

    /// Drops the readings of files no longer listed.
    func keepOnly(_ paths: Set<String>) {
        lock.withLock { readings = readings.filter { paths.contains($0.key) } }
    }
}
