import CMark

/// A parsed cmark document that owns its node tree.
///
/// The root is freed in `deinit`, which frees every node; node pointers obtained from it
/// must not outlive the document. Not `Sendable`: parse and walk a document in one task,
/// and pass value types between tasks.
final class CMarkDocument {
    /// The document node. Valid for the life of `self`.
    let root: OpaquePointer

    /// Parses `markdown` with smart punctuation and source positions.
    /// `lineOffset` blank lines are fed first, so cmark's line numbers are file line numbers.
    init(markdown: String, lineOffset: Int = 0) {
        // No CMARK_OPT_VALIDATE_UTF8: a Swift String is valid UTF-8 already (cmark replaces
        // NUL bytes with U+FFFD either way).
        let options = CMARK_OPT_SMART | CMARK_OPT_SOURCEPOS
        let parser = cmark_parser_new(options)
        defer { cmark_parser_free(parser) }
        if lineOffset > 0 {
            let newlines = [UInt8](repeating: UInt8(ascii: "\n"), count: lineOffset)
            newlines.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
        }
        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        // cmark_parser_finish only returns NULL on allocation failure, which aborts in cmark itself.
        root = cmark_parser_finish(parser)
    }

    deinit { cmark_node_free(root) }

    /// Visits every node depth-first without recursion (documents may nest thousands deep).
    /// `visit` receives the node and whether this is its entry (true) or exit (false);
    /// leaf nodes are entered only.
    func walk(_ visit: (CMarkNode, _ entering: Bool) -> Void) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(CMarkNode(pointer: node), event == CMARK_EVENT_ENTER)
        }
    }
}

/// A borrowed view of one node; valid only while its document lives.
struct CMarkNode {
    let pointer: OpaquePointer

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    var literal: String { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
    var url: String { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
    var title: String { cmark_node_get_title(pointer).map { String(cString: $0) } ?? "" }
    var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    var isOrderedList: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }
    var listStart: Int { Int(cmark_node_get_list_start(pointer)) }
    var isTightList: Bool { cmark_node_get_list_tight(pointer) != 0 }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    var parent: CMarkNode? { cmark_node_parent(pointer).map(CMarkNode.init) }
    var firstChild: CMarkNode? { cmark_node_first_child(pointer).map(CMarkNode.init) }
    var next: CMarkNode? { cmark_node_next(pointer).map(CMarkNode.init) }

    /// True for block-level nodes (which carry reliable source positions).
    var isBlock: Bool {
        let raw = type.rawValue
        return raw >= CMARK_NODE_FIRST_BLOCK.rawValue && raw <= CMARK_NODE_LAST_BLOCK.rawValue
    }

    /// The nearest block containing this node (itself if it is a block).
    var enclosingBlock: CMarkNode? {
        var node: CMarkNode? = self
        while let current = node, !current.isBlock { node = current.parent }
        return node
    }

    /// The plain text of this node's inline content: text, code and line breaks as spaces.
    var plainText: String {
        var result = ""
        // Depth-first, left to right, without recursion: a node's children are visited
        // before its next sibling because the sibling is pushed first.
        var stack: [CMarkNode] = firstChild.map { [$0] } ?? []
        while let node = stack.popLast() {
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE: result += node.literal
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: result += " "
            default: break
            }
            if let next = node.next { stack.append(next) }
            if let child = node.firstChild { stack.append(child) }
        }
        return result
    }
}
