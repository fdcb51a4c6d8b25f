/// One file of the generated site: its path relative to the output folder and its contents.
public struct OutputFile: Sendable {
    /// What a file holds. Text is kept as the rendered `String` and written from its UTF-8
    /// storage, so a page is never held twice (as a string and as a byte copy).
    public enum Contents: Sendable {
        case text(String)
        case bytes([UInt8])
    }

    public var path: String
    public var contents: Contents
    /// True for a later part of a file emitted in parts: append to the file of this path
    /// written just before, rather than replacing it.
    public var appending: Bool

    /// A file with text content (written as UTF-8), or the next part of one (`appending`).
    public init(path: String, text: String, appending: Bool = false) {
        self.path = path
        contents = .text(text)
        self.appending = appending
    }

    /// A file with the given contents.
    init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
        appending = false
    }

    /// A file with binary content.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        contents = .bytes(bytes)
        appending = false
    }

    /// The contents as bytes (a copy for text; for tests and small files).
    public var bytes: [UInt8] {
        switch contents {
        case .text(let text): return Array(text.utf8)
        case .bytes(let bytes): return bytes
        }
    }

    /// Calls `body` with the contents' bytes, without copying them.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        switch contents {
        case .text(var text): return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        case .bytes(let bytes): return bytes.withUnsafeBytes(body)
        }
    }
}

/// The consecutive parts of one file emitted in parts: the first replaces the file, the
/// rest append to it.
struct FileParts {
    let path: String
    private var started = false

    init(path: String) { self.path = path }

    /// The next part of the file.
    mutating func next(_ text: String) -> OutputFile {
        defer { started = true }
        return OutputFile(path: path, text: text, appending: started)
    }

    /// The next part of the file, as bytes.
    mutating func next(_ bytes: [UInt8]) -> OutputFile {
        defer { started = true }
        var file = OutputFile(path: path, bytes: bytes)
        file.appending = started
        return file
    }
}
