/// Where a build's files go: a staging folder swapped in when the build is clean
/// (`SiteWriter.Staging`, for `booklet build`), or memory (`MemorySink`, for tests and a
/// live preview). The caller chooses; rendering does not change.
public protocol OutputSink {
    /// Takes the next files, in order: whole files, or later parts of a file written just
    /// before (`OutputFile.appending`).
    mutating func write(_ files: [OutputFile]) throws(UsageError)
}

/// Keeps every file in memory, by its path in the site.
public struct MemorySink: OutputSink {
    /// The files written so far: path → bytes.
    public private(set) var files: [String: [UInt8]] = [:]

    /// An empty sink.
    public init() {}

    public mutating func write(_ files: [OutputFile]) throws(UsageError) {
        for file in files {
            if file.appending {
                self.files[file.path, default: []] += file.bytes
            } else {
                self.files[file.path] = file.bytes
            }
        }
    }

    /// The text of the file at `path`, if there is one.
    public func text(_ path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }
}

extension SiteWriter.Staging: OutputSink {}
