import Foundation
import Mustache

/// Renders a page that holds every entry (`print.html`, `booklet.txt`) without holding it
/// in memory whole, using all cores.
///
/// Pass one renders the page template with each use of the per-entry partial replaced by
/// a marker: a skeleton with everything but the entries, small and quick. Pass two splits
/// the skeleton at the markers and renders the real partials on all cores, each as if it
/// stood in its place: the same names are visible (the entry, its enclosing section, the
/// page) and an indented partial is indented the same way. The page goes to `emit` in
/// order, in consecutive parts of about `partialsPerPart` entries.
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

    /// Renders the page part by part, handing each to `emit` in order.
    func render<Failure: Error>(emit: (Part) throws(Failure) -> Void) async throws(Failure) {
        let (folder, _) = TemplateSet.split(template)
        let (skeleton, skeletonUnknown) = templates.renderSkeleton(template, root, slotPartial: partial)
        let pieces = Self.split(skeleton, slotCount: levels.count)
        var unknown: [String: Set<String>] = skeletonUnknown.isEmpty ? [:] : [template: skeletonUnknown]
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
        let partialName = folder.isEmpty ? partial : folder + "/" + partial
        let shared = UncheckedSendable(value: (stream: self, slots: pieces.slots, wrappers: wrappers))
        // Parts of about `partialsPerPart` partials each; the text before the first marker opens
        // the first part (which may hold nothing else when there is no marker).
        var text = String(pieces.texts[0])
        var inPart = 0
        var consumed = 0
        try await Array(pieces.slots.indices).concurrentForEachChunk(chunkSize: Self.chunkSize) {
            position -> UncheckedSendable<(String, Set<String>)> in
            let (stream, slots, wrappers) = shared.value
            let slot = slots[position]
            let item = stream.items[slot.index]
            guard let library = wrappers[slot.indentation] else {
                return UncheckedSendable(value: ("", Set<String>()))
            }
            let (text, missing) = TemplateSet.render(
                Self.wrapperName, of: library, root: stream.root,
                levels: stream.levels[slot.index] + [item.light, item.heavy(slot.index)])
            return UncheckedSendable(
                value: (String(text.dropFirst(text.hasPrefix(slot.indentation) ? slot.indentation.count : 0)), missing))
        } consume: { (rendered) throws(Failure) in
            for result in rendered {
                let (output, missing): (String, Set<String>) = result.value
                consumed += 1
                text += output
                text += pieces.texts[consumed]
                if !missing.isEmpty { unknown[partialName, default: []].formUnion(missing) }
            }
            inPart += rendered.count
            if inPart >= Self.partialsPerPart && consumed < pieces.slots.count {
                try emit(Part(text: text, unknownKeys: unknown))
                text = ""
                unknown = [:]
                inPart = 0
            }
        }
        try emit(Part(text: text, unknownKeys: unknown))
    }

    /// Name of the one-line template that uses the partial; not a valid file name stem.
    private static let wrapperName = "/slot"

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

/// An entry in a skeleton's context. It answers the slot key with its marker and other
/// names from its light context (everything cheap: number, title, anchor…), which is all
/// a page template normally uses outside the partial. A name found in neither (say, a body
/// used outside the partial) builds the heavy part of the context, once.
final class SlotItem: MustacheParent, @unchecked Sendable {
    let index: Int
    /// Immutable after `init`; read from any thread.
    let light: [String: Any]
    /// The costly rest of the context (a body, its notes), built by the partial's renders.
    let heavy: @Sendable (Int) -> [String: Any]
    /// The heavy part when the skeleton itself asked for it; the lock guards it.
    private let lock = NSLock()
    private var built: [String: Any]?

    init(index: Int, light: [String: Any], heavy: @escaping @Sendable (Int) -> [String: Any]) {
        self.index = index
        self.light = light
        self.heavy = heavy
    }

    func child(named name: String) -> Any? {
        if name == OnePageStream.slotKey { return OnePageStream.marker(index) }
        if let value = light[name] { return value }
        return lock.withLock {
            let context = built ?? heavy(index)
            built = context
            return context[name]
        }
    }
}
