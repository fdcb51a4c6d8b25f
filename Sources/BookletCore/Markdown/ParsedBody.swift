import CMark

/// A body of booklet Markdown as cmark parsed it, kept after the parse so that no renderer
/// parses it again: the tree as the events of a depth-first walk, with the heading ids
/// and link numbers the parse stage gave each node.
///
/// The parse stage builds it in the same walk that finds headings and links (see
/// `EntryDocument.scan`); every renderer (entry and section pages, `print.html`, handouts,
/// the plain text) reads the events. Heading `n` of the walk is `headings[n]`, and link or
/// image `n` is the `n`th link the linker resolved, so nothing is looked up again by its
/// text.
public struct ParsedBody: Sendable {
    /// What a node is; cmark's node types, as far as parsing Markdown produces them.
    public enum Kind: UInt8, Sendable {
        case blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link, image
        /// The document itself, and node types parsing never produces.
        case other
    }

    /// One step of the walk: entering a node, or leaving one that has children. Leaf nodes
    /// (text, code, breaks, code and HTML blocks, thematic breaks) are entered only.
    public struct Event: Sendable {
        public var kind: Kind
        public var entering: Bool
        /// Ordered list; heading at the top level of the document; paragraph in a tight
        /// list item; tight list.
        fileprivate var flags: UInt8
        /// Heading: its level. List: its start number.
        fileprivate var number: Int32
        /// Heading: its index in `headings`. Link and image: its index among the body's
        /// links and images. List: how many items it has.
        fileprivate var ordinal: Int32
        /// Where in `bytes` the literal (text, code, HTML, code block) or the destination
        /// (link, image) is.
        fileprivate var literal: Span
        /// Where in `bytes` the title (link, image) or info string (code block) is.
        fileprivate var extra: Span

        public var isOrderedList: Bool { flags & Self.ordered != 0 }
        public var isTightList: Bool { flags & Self.tight != 0 }
        /// A heading directly in the document (not in a quote or list).
        public var isTopLevel: Bool { flags & Self.topLevel != 0 }
        /// A paragraph of an item of a tight list (written without `<p>`).
        public var isInTightList: Bool { flags & Self.inTightList != 0 }
        public var headingLevel: Int { Int(number) }
        public var listStart: Int { Int(number) }
        public var listItemCount: Int { Int(ordinal) }
        public var headingIndex: Int { Int(ordinal) }
        public var linkIndex: Int { Int(ordinal) }

        static let ordered: UInt8 = 1
        static let tight: UInt8 = 2
        static let topLevel: UInt8 = 4
        static let inTightList: UInt8 = 8
    }

    /// A stretch of `bytes`.
    fileprivate struct Span: Sendable {
        var start: Int32
        var count: Int32
        static let none = Span(start: 0, count: 0)
    }

    /// The walk, in order.
    public private(set) var events: [Event] = []
    /// The literals, destinations, titles and info strings the events point into, as UTF-8
    /// one after another: one allocation per body rather than one per text node.
    private var bytes: [UInt8] = []
    /// Each image's alt text (its description as plain text), by its link number.
    private var altTexts: [Int32: Span] = [:]
    /// While recording: the destinations and titles stored so far, so that a reference
    /// used ten thousand times stores its long destination once.
    private var stored: [String: Span] = [:]
    /// The body's headings, in order, with their ids.
    public internal(set) var headings: [Heading] = []

    /// A node's literal text (text, code, raw HTML, code block), or its destination (link, image).
    public func literal(_ event: Event) -> String { string(event.literal) }
    /// A link's or image's destination as cmark decoded it.
    public func url(_ event: Event) -> String { string(event.literal) }
    /// A link's or image's title.
    public func title(_ event: Event) -> String { string(event.extra) }
    /// An image's alt text: its description as plain text.
    public func altText(_ event: Event) -> String { altTexts[event.ordinal].map(string) ?? "" }
    /// A code block's info string.
    public func fenceInfo(_ event: Event) -> String { string(event.extra) }
    /// A heading's plain text.
    public func headingText(_ event: Event) -> String {
        headings.indices.contains(event.headingIndex) ? headings[event.headingIndex].text : ""
    }
    /// A heading's id.
    public func headingID(_ event: Event) -> String {
        headings.indices.contains(event.headingIndex) ? headings[event.headingIndex].id : ""
    }

    private func string(_ span: Span) -> String {
        span.count == 0 ? "" : String(decoding: bytes[Int(span.start)..<Int(span.start + span.count)], as: UTF8.self)
    }

    /// Records one event of cmark's walk. `heading` and `link` are the node's index among
    /// the headings and links recorded so far (the caller numbers them as it finds them);
    /// `altText` is an image's description as plain text, which the caller has at hand.
    mutating func record(_ node: CMarkNode, entering: Bool, heading: Int, link: Int, altText: String = "") {
        guard let kind = Self.kind(of: node.type) else { return }
        var event = Event(kind: kind, entering: entering, flags: 0, number: 0, ordinal: 0, literal: .none, extra: .none)
        switch kind {
        case .heading:
            event.number = Int32(clamping: node.headingLevel)
            event.ordinal = Int32(clamping: heading)
            if node.parent?.type == CMARK_NODE_DOCUMENT { event.flags |= Event.topLevel }
        case .list:
            if node.isOrderedList { event.flags |= Event.ordered }
            if node.isTightList { event.flags |= Event.tight }
            event.number = Int32(clamping: node.listStart)
            if entering {
                var count: Int32 = 0
                var child = node.firstChild
                while let item = child {
                    count += 1
                    child = item.next
                }
                event.ordinal = count
            }
        case .paragraph:
            if let item = node.parent, item.type == CMARK_NODE_ITEM, let list = item.parent, list.isTightList {
                event.flags |= Event.inTightList
            }
        case .link, .image:
            event.ordinal = Int32(clamping: link)
            if entering {
                event.literal = storeOnce(node.url)
                event.extra = storeOnce(node.title)
                if kind == .image { altTexts[event.ordinal] = store(altText) }
            }
        case .codeBlock:
            event.literal = store(node.literal)
            event.extra = store(node.fenceInfo)
        case .text, .code, .htmlBlock, .htmlInline:
            event.literal = store(node.literal)
        default:
            break
        }
        events.append(event)
    }

    private mutating func store(_ string: String) -> Span {
        let start = bytes.count
        bytes += string.utf8
        // A body is at most 10 MB (the loader's limit), so offsets fit in 32 bits.
        return Span(start: Int32(clamping: start), count: Int32(clamping: bytes.count - start))
    }

    private mutating func storeOnce(_ string: String) -> Span {
        if let known = stored[string] { return known }
        let span = store(string)
        stored[string] = span
        return span
    }

    /// Ends the recording: drops what only recording needed, and the arrays' spare
    /// capacity (a large corpus keeps every body until it is rendered).
    mutating func finish() {
        stored = [:]
        events = events.withUnsafeBufferPointer { Array($0) }
        bytes = bytes.withUnsafeBufferPointer { Array($0) }
    }

    private static func kind(of type: cmark_node_type) -> Kind? {
        switch type {
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        // The document node adds nothing to the walk; custom nodes come only from cmark's API.
        default: return nil
        }
    }
}
