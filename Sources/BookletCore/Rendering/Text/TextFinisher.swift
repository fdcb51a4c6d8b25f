/// Finishes rendered template text as a file, part by part: LF line ends, no trailing
/// spaces, no leading or trailing blank lines, one final newline. The parts' outputs,
/// concatenated, are the whole text's.
struct TextFinisher {
    private var started = false
    private var blankLines = 0
    /// The unfinished last line of the parts so far.
    private var line: [UInt8] = []

    /// The finished bytes of `text` (UTF-8), less what depends on the text after it.
    mutating func feed(_ text: [UInt8]) -> [UInt8] {
        // Byte-wise: the whole booklet's text passes through here once.
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        for byte in text where byte != 0x0D {
            if byte == 0x0A { endLine(into: &output) } else { line.append(byte) }
        }
        return output
    }

    /// The rest of the text: its last line and the final newline.
    mutating func end() -> [UInt8] {
        var output: [UInt8] = []
        endLine(into: &output)
        output.append(0x0A)
        return output
    }

    private mutating func endLine(into output: inout [UInt8]) {
        while let last = line.last, last == 0x20 || last == 0x09 { line.removeLast() }
        if line.isEmpty {
            if started { blankLines += 1 }
        } else {
            if started { output.append(contentsOf: repeatElement(0x0A, count: blankLines + 1)) }
            output.append(contentsOf: line)
            started = true
            blankLines = 0
        }
        line.removeAll(keepingCapacity: true)
    }
}
