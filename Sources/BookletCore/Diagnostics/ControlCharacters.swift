extension Unicode.Scalar {
    /// A C0 control other than tab and line feed: ESC, BEL, CR, backspace... Such a
    /// character in content is invisible in most editors and can rewrite a terminal line.
    var isForbiddenControl: Bool { value < 0x20 && self != "\t" && self != "\n" }

    /// `U+001B`, for naming a character in a message without printing it.
    var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension StringProtocol {
    /// The text with control characters (C0, DEL, C1, tab and newline included) written as
    /// escapes (`\e`, `\n`, `\u{7}`), for printing a file name or a value in a message: a
    /// newline in a file name cannot forge a second diagnostic, and `\e[2K\r` cannot
    /// rewrite the terminal line.
    public var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            return String(self)
        }
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\u{1B}": result += "\\e"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
