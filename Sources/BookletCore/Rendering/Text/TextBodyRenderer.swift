/// Renders booklet Markdown (an entry body, a memo) as plain text by walking its parsed body.
///
/// cmark has no plain-text renderer, and its CommonMark renderer keeps the markup, so the
/// walk is ours. The layout rules:
/// - paragraphs wrap at the line width on word boundaries, by display width;
/// - list items hang under their marker (`•`, `◦`, `▪` by depth; numbers right-aligned,
///   keeping the list's start); nested lists indent further; tight lists have no blank lines;
/// - block quotes are indented behind a `| ` bar, code blocks kept verbatim, indented four;
/// - headings are lines of their own, underlined (`~` for levels 1–2, `.` below);
/// - emphasis and code spans are plain text: marks like `*` or `_` would be residue, and a
///   screen reader reads the words either way;
/// - links: a cross-reference adds "(see 3.2, Title)", a term link is its text, an external
///   link adds a note number `[1]` whose URL the entry lists after its body;
/// - raw HTML shows only its text.
///
/// The walk follows the parsed body's events, so deeply nested documents cannot overflow
/// the stack.
struct TextBodyRenderer {
    struct Options {
        /// Line width in columns.
        var width: Int
        var references: TextReferences
        /// Comparison column headings: content under `## <column>` is rendered apart.
        var columns: [String] = []
    }

    /// The rendered text (lines joined by `\n`, no final newline): the body outside comparison
    /// columns, then each column under its heading; and the external links' URLs, note `n`
    /// being `notes[n - 1]`.
    struct Output: Sendable {
        var main: String
        var columns: [String]
        var notes: [String]
    }

    /// Renders `body`, parsed once by the parse stage, with its links as the linker resolved them.
    static func render(_ body: LinkedBody, options: Options) -> Output {
        var walker = Walker(options: options, body: body)
        for (index, event) in body.parsed.events.enumerated() { walker.visit(event, at: index) }
        return Output(
            main: walker.writers[0].lines.joined(separator: "\n"),
            columns: walker.writers.dropFirst().map { $0.lines.joined(separator: "\n") },
            notes: walker.notes)
    }

    private struct OpenList {
        /// The index of the list's event: which list it is.
        var node: Int
        var isTight: Bool
        var isOrdered: Bool
        var nextNumber: Int
        var markerWidth: Int
        var bulletDepth: Int
    }

    private struct OpenLink {
        /// The link's (or image's) event on entering.
        var event: ParsedBody.Event
        /// Where the link text starts in `inline` (UTF-8 offset).
        var textStart: Int
    }

    private struct Walker {
        let options: Options
        let body: LinkedBody
        /// Main text, then one writer per comparison column.
        var writers: [TextBlockWriter]
        var target = 0
        var notes: [String] = []
        var lists: [OpenList] = []
        /// Per writer, the lists that were open when its last block was written.
        var lastBlockLists: [Set<Int>]
        var inline = ""
        var links: [OpenLink] = []
        var skippingHeading = false

        static let bullets = ["•", "◦", "▪"]

        init(options: Options, body: LinkedBody) {
            self.options = options
            self.body = body
            writers = Array(repeating: TextBlockWriter(width: options.width), count: options.columns.count + 1)
            // Every column is headed by its name, even one the body leaves out (as on the HTML page).
            for (index, column) in options.columns.enumerated() { writers[index + 1].heading(column, underline: "~") }
            lastBlockLists = Array(repeating: [], count: options.columns.count + 1)
        }

        mutating func visit(_ event: ParsedBody.Event, at index: Int) {
            let entering = event.entering
            switch event.kind {
            case .blockQuote:
                if entering { writers[target].open(first: "| ", rest: "| ") } else { writers[target].close() }
            case .list:
                if entering { openList(event, at: index) } else { lists.removeLast() }
            case .item:
                if entering { openItem() } else { writers[target].close() }
            case .paragraph:
                if entering {
                    inline = ""
                } else {
                    separate()
                    writers[target].paragraph(inline)
                }
            case .heading:
                heading(event)
            case .codeBlock:
                separate()
                var lines = body.parsed.literal(event).split(separator: "\n", omittingEmptySubsequences: false)
                    .map(String.init)
                if lines.last == "" { lines.removeLast() }
                writers[target].verbatim(lines.map(Self.expandingTabs), indent: "    ")
            case .htmlBlock:
                let text = HTMLText.visibleText(body.parsed.literal(event))
                if !text.isEmpty {
                    separate()
                    writers[target].paragraph(text)
                }
            case .thematicBreak:
                separate()
                writers[target].centered("* * *")
            case .text, .code:
                if !skippingHeading { inline += body.parsed.literal(event) }
            case .softBreak:
                if !skippingHeading { inline += " " }
            case .lineBreak:
                if !skippingHeading { inline += "\n" }
            case .link:
                if entering {
                    links.append(OpenLink(event: event, textStart: inline.utf8.count))
                } else {
                    closeLink()
                }
            case .image:
                if entering {
                    links.append(OpenLink(event: event, textStart: inline.utf8.count))
                } else if let image = links.popLast(), !skippingHeading {
                    inline = TextFiles.figure(in: inline, altTextFrom: image.textStart)
                }
            case .htmlInline, .emphasis, .strong, .other:
                // No marks.
                break
            }
        }

        /// A blank line before a block, except between the blocks of a tight list.
        private mutating func separate() {
            defer { lastBlockLists[target] = lists.isEmpty ? [] : Set(lists.map(\.node)) }
            guard !writers[target].isEmpty else { return }
            let previous = lastBlockLists[target]
            if !previous.isEmpty, let shared = lists.last(where: { open in previous.contains(open.node) }),
                shared.isTight
            {
                return
            }
            writers[target].blankLine()
        }

        private mutating func openList(_ event: ParsedBody.Event, at index: Int) {
            let start = event.listStart
            let last = start + max(0, event.listItemCount - 1)
            let markerWidth = event.isOrderedList ? max(String(start).count, String(last).count) + 2 : 2
            let bulletDepth = lists.last.map { $0.bulletDepth + ($0.isOrdered ? 0 : 1) } ?? 0
            lists.append(
                OpenList(
                    node: index, isTight: event.isTightList, isOrdered: event.isOrderedList, nextNumber: start,
                    markerWidth: markerWidth, bulletDepth: bulletDepth))
        }

        private mutating func openItem() {
            guard var list = lists.popLast() else { return }
            let marker: String
            if list.isOrdered {
                let number = "\(list.nextNumber)."
                marker = String(repeating: " ", count: max(0, list.markerWidth - 1 - number.count)) + number + " "
                list.nextNumber += 1
            } else {
                marker = Self.bullets[list.bulletDepth % Self.bullets.count] + " "
            }
            lists.append(list)
            writers[target].open(first: marker, rest: String(repeating: " ", count: list.markerWidth))
        }

        private mutating func heading(_ event: ParsedBody.Event) {
            if event.entering {
                if event.headingLevel == 2, event.isTopLevel,
                    let column = options.columns.firstIndex(of: body.parsed.headingText(event))
                {
                    target = column + 1
                    skippingHeading = true
                }
                inline = ""
                return
            }
            if skippingHeading {
                skippingHeading = false
                return
            }
            separate()
            writers[target].heading(inline, underline: event.headingLevel <= 2 ? "~" : ".")
        }

        private mutating func closeLink() {
            guard let link = links.popLast(), !skippingHeading else { return }
            let text = String(inline.utf8.dropFirst(link.textStart)) ?? ""
            switch body.target(of: link.event) {
            case .entry(let index, let fragment):
                inline += options.references.phrase(to: index, fragment: fragment, linkText: text)
            case .external(let url):
                let shown = text.trimmingSpaces
                if shown == url || "mailto:" + shown == url || "tel:" + shown == url { return }
                let number: Int
                if let existing = notes.firstIndex(of: url) {
                    number = existing + 1
                } else {
                    notes.append(url)
                    number = notes.count
                }
                inline += "\u{A0}[\(number)]"
            case .file(let index):
                inline += TextFiles.attachment(index, in: options.references.booklet)
            case .term, .fragment, nil:
                break
            }
        }

        /// Tabs in code become spaces to the next multiple of four, so alignment survives prefixes.
        static func expandingTabs(_ line: String) -> String {
            guard line.contains("\t") else { return line }
            var result = ""
            var column = 0
            for character in line {
                if character == "\t" {
                    let spaces = 4 - column % 4
                    result += String(repeating: " ", count: spaces)
                    column += spaces
                } else {
                    result.append(character)
                    column += TextLayout.width(of: character)
                }
            }
            return result
        }
    }
}
