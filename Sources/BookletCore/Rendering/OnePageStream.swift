import Foundation
import Mustache

/// Renders a page that holds every entry (`print.html`, `booklet.txt`) without holding it
/// in memory whole, using all cores.
///
/// Pass one renders the page template with each use of the per-entry partial replaced by
/// a marker: a skeleton with everything but the entries, small and quick. Pass two splits
/// the skeleton at the markers and renders the real partials on all cores, each as if it
/// stood in its place: the same names are visible (the entry, its enclosing section, the
/// page) and an indented partial is indented the same way. The page comes out in order,
/// in consecutive parts of about `partialsPerPart` entries: either all at once after pass
/// one (`Prepared.render`), or slot by slot as the caller renders them (`Assembler`), which
/// lets an entry's part render with its page (see `SiteRenderer.render`).
///
/// A marker is `U+0001 <slot> U+0002 LF <indentation> U+0003`: the line break lets the
/// indentation Mustache gives a standalone partial show. Markdown bodies only appear in
/// pass two, and YAML values hold control characters only when written as escapes
/// (`"\x01"`); such a forged marker would only repeat an entry's partial.
struct OnePageStream {
    /// The context key the skeleton's stand-in partial renders.
    static let slotKey = "_slot"
    /// Partials per part of the file handed to `emit`.
    static let partialsPerPart = 256
    /// Partials rendered per task.
    static let chunkSize = 16

    let templates: TemplateSet
    /// The page template, e.g. `html/print`.
    let template: String
    /// The per-entry partial, without its folder, e.g. `print-entry`.
    let partial: String
    /// The page's context.
    let root: [String: Any]
    /// Per slot: the levels between the page and the entry (usually its section), from
    /// outer to inner. Looked up only, from several threads.
    let levels: [[Any]]
    /// Per slot: the entry's item in the skeleton's context.
    let items: [SlotItem]

    /// One rendered part of the file, and the template names its context lacked.
    struct Part {
        var text: String
        var unknownKeys: [String: Set<String>]
    }

    /// Pass one: the skeleton, split at its markers, with what pass two needs.
    func prepare() -> Prepared {
        let (folder, _) = TemplateSet.split(template)
        let (skeleton, skeletonUnknown) = templates.renderSkeleton(template, root, slotPartial: partial)
        let pieces = Self.split(skeleton, slotCount: levels.count)
        // The partial is rendered through a one-line template that uses it with the
        // marker's indentation, so Mustache indents it exactly as it would in place;
        // that line's own indentation is already in the skeleton.
        var wrappers: [String: MustacheLibrary] = [:]
        for indentation in Set(pieces.slots.map(\.indentation)) {
            guard let wrapper = try? MustacheTemplate(string: indentation + "{{> " + partial + "}}"),
                let library = templates.library(folder, adding: [Self.wrapperName: wrapper])
            else { continue }
            wrappers[indentation] = library
        }
        return Prepared(
            stream: self, texts: pieces.texts, slots: pieces.slots, wrappers: wrappers,
            skeletonUnknown: skeletonUnknown, partialName: folder.isEmpty ? partial : folder + "/" + partial)
    }

    /// The skeleton split at its markers, and the wrappers that render each slot's partial.
    /// Immutable; slots render from any thread (the contexts are only looked up).
    struct Prepared: @unchecked Sendable {
        let stream: OnePageStream
        /// The skeleton's text between markers: one more than the slots.
        let texts: [Substring]
        let slots: [Slot]
        let wrappers: [String: MustacheLibrary]
        /// Names the skeleton asked for that its context lacks.
        let skeletonUnknown: Set<String>
        /// The partial's template name, for unknown-key warnings (`html/print-entry`).
        let partialName: String

        /// True when slot `k` is entry `k`, for every one of `count` entries: the page uses
        /// the partial once per entry, in reading order (as the shipped templates do). Then
        /// slots can render with the entries' pages, from the same parsed body.
        func isOnePerEntryInReadingOrder(count: Int) -> Bool {
            slots.count == count && slots.indices.allSatisfy { slots[$0].index == $0 }
        }

        /// Pass two on all cores: every slot, each part handed to `emit` in order.
        func render<Failure: Error>(emit: (Part) throws(Failure) -> Void) async throws(Failure) {
            var assembler = Assembler(self)
            try await Array(slots.indices).concurrentForEachChunk(chunkSize: OnePageStream.chunkSize) {
                renderSlot($0, parsed: nil)
            } consume: { (rendered) throws(Failure) in
                if let part = assembler.add(rendered) { try emit(part) }
            }
            try emit(assembler.finish())
        }

        /// Renders the partial of slot `position` as if it stood in its place; `parsed` is
        /// the entry's body already parsed, or nil to parse it again.
        func renderSlot(_ position: Int, parsed: ParsedBody?) -> Rendered {
            let slot = slots[position]
            let item = stream.items[slot.index]
            guard let library = wrappers[slot.indentation] else { return Rendered(text: "", unknownKeys: []) }
            let (text, missing) = TemplateSet.render(
                OnePageStream.wrapperName, of: library, root: stream.root,
                levels: stream.levels[slot.index] + [item.light, item.heavy(slot.index, parsed)])
            let indented = text.hasPrefix(slot.indentation)
            return Rendered(text: String(text.dropFirst(indented ? slot.indentation.count : 0)), unknownKeys: missing)
        }
    }

    /// One slot's partial, rendered.
    struct Rendered: Sendable {
        var text: String
        var unknownKeys: Set<String>
    }

    /// Puts rendered slots, in slot order, between the skeleton's texts, handing out parts
    /// of about `partialsPerPart` partials; the text before the first marker opens the
    /// first part (which may hold nothing else when there is no marker).
    struct Assembler {
        private let prepared: Prepared
        private var text: String
        private var unknown: [String: Set<String>]
        private var consumed = 0
        private var inPart = 0

        init(_ prepared: Prepared) {
            self.prepared = prepared
            text = String(prepared.texts[0])
            unknown = prepared.skeletonUnknown.isEmpty ? [:] : [prepared.stream.template: prepared.skeletonUnknown]
        }

        /// Adds the next rendered slots; returns a part once enough have gathered.
        mutating func add(_ rendered: [Rendered]) -> Part? {
            for result in rendered {
                consumed += 1
                text += result.text
                text += prepared.texts[consumed]
                if !result.unknownKeys.isEmpty {
                    unknown[prepared.partialName, default: []].formUnion(result.unknownKeys)
                }
            }
            inPart += rendered.count
            guard inPart >= OnePageStream.partialsPerPart && consumed < prepared.slots.count else { return nil }
            defer {
                text = ""
                unknown = [:]
                inPart = 0
            }
            return Part(text: text, unknownKeys: unknown)
        }

        /// The rest of the page, after the last slot.
        func finish() -> Part { Part(text: text, unknownKeys: unknown) }
    }

    /// Name of the one-line template that uses the partial; not a valid file name stem.
    static let wrapperName = "/slot"

    /// A marker of the skeleton: which slot, and the indentation of its partial.
    struct Slot: Equatable {
        var index: Int
        var indentation: String
    }

    /// The skeleton's text between markers (one more than the markers) and the markers.
    static func split(_ skeleton: String, slotCount: Int) -> (texts: [Substring], slots: [Slot]) {
        var texts: [Substring] = []
        var slots: [Slot] = []
        let utf8 = skeleton.utf8
        var textStart = utf8.startIndex
        var cursor = utf8.startIndex
        while let open = utf8[cursor...].firstIndex(of: 0x01) {
            cursor = utf8.index(after: open)
            // Digits, U+0002, LF, spaces and tabs, U+0003; anything else is text.
            var number = 0
            var digits = 0
            var position = cursor
            while position < utf8.endIndex, let digit = Self.digit(utf8[position]), digits < 9 {
                number = number * 10 + digit
                digits += 1
                position = utf8.index(after: position)
            }
            guard digits > 0, number < slotCount, position < utf8.endIndex, utf8[position] == 0x02 else { continue }
            position = utf8.index(after: position)
            guard position < utf8.endIndex, utf8[position] == 0x0A else { continue }
            position = utf8.index(after: position)
            let indentStart = position
            while position < utf8.endIndex, utf8[position] == 0x20 || utf8[position] == 0x09 {
                position = utf8.index(after: position)
            }
            guard position < utf8.endIndex, utf8[position] == 0x03 else { continue }
            texts.append(skeleton[textStart..<open])
            slots.append(Slot(index: number, indentation: String(skeleton[indentStart..<position])))
            cursor = utf8.index(after: position)
            textStart = cursor
        }
        texts.append(skeleton[textStart...])
        return (texts, slots)
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (0x30...0x39).contains(byte) ? Int(byte - 0x30) : nil
    }

    /// The marker of slot `index`, as the skeleton's stand-in partial renders it.
    static func marker(_ index: Int) -> String { "\u{1}\(index)\u{2}" }
}

/// A one-page output of the site (`print.html`, `booklet.txt`): its prepared skeleton, and
/// whether its entries' parts render along with the entry pages (see `SiteRenderer.render`).
struct OnePageOutput: Sendable {
    let prepared: OnePageStream.Prepared
    /// The file written.
    let path: String
    /// True when entry `k`'s page task also renders slot `k`.
    let alongPages: Bool
    /// For an HTML output, the options of an entry's body on it: the page task then renders
    /// that body in the same walk as the page's own.
    let bodyOptions: (@Sendable (Int) -> HTMLBodyRenderer.Options)?

    /// `entries` is the number of entries the pages render, or nil when every slot is to
    /// render afterwards.
    init(
        _ prepared: OnePageStream.Prepared, path: String, entries: Int?,
        bodyOptions: (@Sendable (Int) -> HTMLBodyRenderer.Options)? = nil
    ) {
        self.prepared = prepared
        self.path = path
        alongPages = entries.map(prepared.isOnePerEntryInReadingOrder(count:)) ?? false
        self.bodyOptions = bodyOptions
    }

    /// A writer for the file; `finishing` tidies text as `TextFinisher` does.
    func file(finishing: Bool = false) -> Writer { Writer(output: self, finishing: finishing) }

    /// Writes the file in parts: while the pages render (`add`), then the rest (`finish`).
    struct Writer {
        private let output: OnePageOutput
        private var assembler: OnePageStream.Assembler
        private var finisher: TextFinisher?
        private var parts: FileParts

        init(output: OnePageOutput, finishing: Bool) {
            self.output = output
            assembler = OnePageStream.Assembler(output.prepared)
            finisher = finishing ? TextFinisher() : nil
            parts = FileParts(path: output.path)
        }

        /// Takes the next entries' rendered parts (in reading order); returns a part of the
        /// file when enough have gathered. Nothing to do when slots render afterwards.
        mutating func add(_ rendered: [OnePageStream.Rendered], unknown: inout [String: Set<String>]) -> [OutputFile] {
            guard output.alongPages, !rendered.isEmpty, let part = assembler.add(rendered) else { return [] }
            return [file(part, unknown: &unknown)]
        }

        /// Writes the rest of the file: after the last entry, or the whole of it when its
        /// slots did not render along with the pages.
        mutating func finish<Failure: Error>(
            emit: ([OutputFile]) throws(Failure) -> Void, unknown: inout [String: Set<String>]
        ) async throws(Failure) {
            if output.alongPages {
                try emit([file(assembler.finish(), unknown: &unknown)])
            } else {
                try await output.prepared.render { (part) throws(Failure) in
                    try emit([file(part, unknown: &unknown)])
                }
            }
            if var finisher { try emit([parts.next(finisher.end())]) }
        }

        private mutating func file(_ part: OnePageStream.Part, unknown: inout [String: Set<String>]) -> OutputFile {
            unknown.merge(part.unknownKeys) { $0.union($1) }
            guard var finisher else { return parts.next(part.text) }
            defer { self.finisher = finisher }
            return parts.next(finisher.feed(part.text))
        }
    }
}

/// An entry's body parsed once for its page and its parts of `print.html` and `booklet.txt`,
/// with its HTML for `print.html` when the page's walk rendered that too. Lives in one task.
final class ParsedBody {
    let document: CMarkDocument
    let printHTML: HTMLBodyRenderer.Output?

    init(document: CMarkDocument, printHTML: HTMLBodyRenderer.Output?) {
        self.document = document
        self.printHTML = printHTML
    }
}

/// An entry in a skeleton's context. It answers the slot key with its marker and other
/// names from its light context (everything cheap: number, title, anchor…), which is all
/// a page template normally uses outside the partial. A name found in neither (say, a body
/// used outside the partial) builds the heavy part of the context, once.
final class SlotItem: MustacheParent, @unchecked Sendable {
    let index: Int
    /// Immutable after `init`; read from any thread.
    let light: [String: Any]
    /// The costly rest of the context (a body, its notes), built by the partial's renders,
    /// from the entry's parsed body when the caller has it (else nil: parse it again).
    let heavy: @Sendable (Int, ParsedBody?) -> [String: Any]
    /// The heavy part when the skeleton itself asked for it; the lock (shared by the items
    /// of one page) guards it.
    private let lock: NSLock
    private var built: [String: Any]?

    init(
        index: Int, light: [String: Any], heavy: @escaping @Sendable (Int, ParsedBody?) -> [String: Any],
        lock: NSLock = NSLock()
    ) {
        self.index = index
        self.light = light
        self.heavy = heavy
        self.lock = lock
    }

    func child(named name: String) -> Any? {
        if name == OnePageStream.slotKey { return OnePageStream.marker(index) }
        if let value = light[name] { return value }
        return lock.withLock {
            let context = built ?? heavy(index, nil)
            built = context
            return context[name]
        }
    }
}
