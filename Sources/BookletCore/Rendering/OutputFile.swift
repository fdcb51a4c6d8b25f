/// One file of the generated site: its path relative to the output folder and its bytes.
public struct OutputFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    /// A file with text content (UTF-8).
    public init(path: String, text: String) {
        self.path = path
        bytes = Array(text.utf8)
    }

    /// A file with binary content.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
