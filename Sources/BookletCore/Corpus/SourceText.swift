import Foundation

/// The decoded text of one content file, normalised for parsing.
///
/// A UTF-8 BOM is dropped and CRLF/CR line ends become LF, so line numbers match what
/// an editor shows. Bytes that are not UTF-8 are rejected with the line where they start.
public struct SourceText: Sendable {
    /// Path as shown in diagnostics.
    public let path: String
    /// Normalised text (LF line ends, no BOM).
    public let text: String

    /// Decodes `bytes`, or returns the error diagnostic explaining why the file is unusable.
    public static func decode(_ bytes: [UInt8], path: String) -> Result<SourceText, Diagnostic> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            return .failure(
                .error(
                    SourceLocation(path: path, line: 1, column: 1),
                    "file is UTF-16; save it as UTF-8"))
        }
        if let zero = body.firstIndex(of: 0) {
            return .failure(
                .error(
                    location(of: zero, in: body, path: path),
                    "file contains a NUL byte; it looks like a binary file, not Markdown or YAML"))
        }
        guard let decoded = String(validating: body, as: UTF8.self) else {
            let bad = firstInvalidUTF8(in: body) ?? body.startIndex
            return .failure(
                .error(
                    location(of: bad, in: body, path: path),
                    "file is not valid UTF-8; save it with UTF-8 encoding"))
        }
        var text = decoded
        if text.utf8.contains(UInt8(ascii: "\r")) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n")
                .replacingOccurrences(of: "\r", with: "\n")
        }
        if let refusal = refusal(of: text, path: path) { return .failure(refusal) }
        return .success(SourceText(path: path, text: text))
    }

    /// Most image openers (`![`) a file may hold. libcmark 0.30.2 (Debian's) takes time
    /// proportional to the image openers times the links after them in a paragraph
    /// (upstream's `![[]()` pathological case, fixed in 0.30.3): 20,000 of them take
    /// seconds, 40,000 take a minute. Booklet shows no images (each is an error anyway), so
    /// a few dozen is plenty and keeps the worst 10 MB file to about a second.
    static let maximumImageOpeners = 32

    /// Why the normalised `text` cannot be used: a C0 control character other than tab and
    /// newline (CR line ends are normalised before), or too many image openers.
    private static func refusal(of text: String, path: String) -> Diagnostic? {
        var openers = 0
        var previous: UInt8 = 0
        for (offset, byte) in text.utf8.enumerated() {
            if byte < 0x20, byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "\n") {
                return .error(
                    location(of: offset, in: Array(text.utf8)[...], path: path),
                    "file contains the control character \(Unicode.Scalar(byte).codePoint); remove it (most editors do not show it)"
                )
            }
            if byte == UInt8(ascii: "["), previous == UInt8(ascii: "!") {
                openers += 1
                if openers > maximumImageOpeners {
                    return .error(
                        location(of: offset - 1, in: Array(text.utf8)[...], path: path),
                        "more than \(maximumImageOpeners) image openers '![' in one file; so many make the Markdown parser very slow (an entry needs a few images at most)"
                    )
                }
            }
            previous = byte
        }
        return nil
    }

    private static func location(of index: Int, in bytes: ArraySlice<UInt8>, path: String) -> SourceLocation {
        var line = 1
        var lineStart = bytes.startIndex
        for i in bytes.startIndex..<index where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        let prefix = bytes[lineStart..<index]
        let column = (String(validating: prefix, as: UTF8.self)?.unicodeScalars.count ?? prefix.count) + 1
        return SourceLocation(path: path, line: line, column: column)
    }

    private static func firstInvalidUTF8(in bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            if index + length > bytes.endIndex { return index }
            let slice = bytes[index..<(index + length)]
            if String(validating: slice, as: UTF8.self) == nil { return index }
            index += length
        }
        return nil
    }
}

extension String {
    /// The text split at every `\n` (empty lines kept), byte by byte: splitting a `String`
    /// at a `Character` checks grapheme boundaries all along the text. A line feed is
    /// always a grapheme of its own, so the result is the same.
    var lineSlices: [Substring] {
        var result: [Substring] = []
        let utf8 = self.utf8
        var start = utf8.startIndex
        while let newline = utf8[start...].firstIndex(of: 0x0A) {
            result.append(self[start..<newline])
            start = utf8.index(after: newline)
        }
        result.append(self[start...])
        return result
    }
}
