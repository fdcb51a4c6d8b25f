/// Writes blocks as lines of plain text inside nested containers (block quotes, list items).
///
/// Each container has a first-line prefix (a list marker, a quote bar) and a continuation
/// prefix (spaces of the same width, the bar again); a line gets, for every open container
/// from the outside in, its first prefix if the container has not written a line yet, else
/// its continuation. Containers whose first line is still to come are always the innermost
/// ones, so prefixes are built incrementally and deep nesting stays linear.
///
/// Indentation stops growing at half the line width, so every line keeps room for text even
/// in documents nested thousands deep.
struct TextBlockWriter {
    private struct Container {
        var first: String
        var rest: String
    }

    /// Line width in columns, prefixes included.
    let width: Int
    private let maxIndent: Int
    private var containers: [Container] = []
    /// `restPrefixes[k]`: continuation prefix of the outer `k` containers (capped), and its width.
    private var restPrefixes: [(text: String, width: Int)] = [("", 0)]
    /// Containers `0..<started` have written their first line.
    private var started = 0
    private(set) var lines: [String] = []

    init(width: Int) {
        self.width = width
        maxIndent = width / 2
    }

    /// `text` as one paragraph at `width`, behind `first` on its first line and `rest` after.
    static func paragraphLines(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        var writer = TextBlockWriter(width: width)
        writer.open(first: first, rest: rest)
        writer.paragraph(text)
        return writer.lines
    }

    /// True until a line has been written.
    var isEmpty: Bool { lines.isEmpty }

    /// Opens a container; its lines start with `first` once, then `rest`.
    mutating func open(first: String, rest: String) {
        let outer = restPrefixes[containers.count]
        let restWidth = TextLayout.width(of: rest)
        containers.append(Container(first: first, rest: rest))
        if outer.width + restWidth <= maxIndent {
            restPrefixes.append((outer.text + rest, outer.width + restWidth))
        } else {
            restPrefixes.append(outer)
        }
    }

    /// Closes the innermost container; one that never wrote a line (an empty list item)
    /// writes its marker alone.
    mutating func close() {
        if started < containers.count { append(takeFirstPrefix().text, "") }
        containers.removeLast()
        restPrefixes.removeLast()
        started = min(started, containers.count)
    }

    /// An empty line between blocks: only the continuation prefixes of started containers
    /// (a quote bar shows, a pending list marker does not).
    mutating func blankLine() {
        append(restPrefixes[started].text, "")
    }

    /// A paragraph: `text` wrapped to the line width, `\n` forcing breaks.
    mutating func paragraph(_ text: String) {
        let first = takeFirstPrefix()
        let rest = restPrefixes[containers.count]
        let wrapped = TextLayout.wrap(text, width: width - rest.width, firstWidth: width - first.width)
        for (index, line) in wrapped.enumerated() { append(index == 0 ? first.text : rest.text, line) }
    }

    /// A heading: wrapped like a paragraph, then underlined with `underline` as wide as its widest line.
    mutating func heading(_ text: String, underline: Character) {
        let first = takeFirstPrefix()
        let rest = restPrefixes[containers.count]
        let wrapped = TextLayout.wrap(text, width: width - rest.width, firstWidth: width - first.width)
        for (index, line) in wrapped.enumerated() { append(index == 0 ? first.text : rest.text, line) }
        append(rest.text, TextLayout.underline(wrapped, with: underline))
    }

    /// Lines written exactly as given (code), after `indent`; never wrapped.
    mutating func verbatim(_ text: [String], indent: String) {
        if text.isEmpty {
            append(takeFirstPrefix().text, "")
            return
        }
        for (index, line) in text.enumerated() {
            let prefix = index == 0 ? takeFirstPrefix().text : restPrefixes[containers.count].text
            append(prefix, line.isEmpty ? "" : indent + line)
        }
    }

    /// One line centred in the space left by the prefixes.
    mutating func centered(_ text: String) {
        let first = takeFirstPrefix()
        let room = width - first.width - TextLayout.width(of: text)
        append(first.text, String(repeating: " ", count: max(0, room / 2)) + text)
    }

    /// The prefix of the next line, marking every open container as started.
    private mutating func takeFirstPrefix() -> (text: String, width: Int) {
        var prefix = restPrefixes[started]
        var index = started
        while index < containers.count {
            let piece = containers[index].first
            let pieceWidth = TextLayout.width(of: piece)
            // Past the indentation cap only the innermost marker is kept, so a deep item still shows it.
            if prefix.width + pieceWidth <= maxIndent
                || (index == containers.count - 1 && prefix.width + pieceWidth < width)
            {
                prefix = (prefix.text + piece, prefix.width + pieceWidth)
            }
            index += 1
        }
        started = containers.count
        return prefix
    }

    private mutating func append(_ prefix: String, _ text: String) {
        var line = prefix + text
        while line.last == " " { line.removeLast() }
        lines.append(line)
    }
}
