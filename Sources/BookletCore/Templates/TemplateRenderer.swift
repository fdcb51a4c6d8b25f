import Foundation

/// What rendering found wrong: names no context had, and the one error that stopped it.
public struct TemplateReport: Sendable {
    /// A name a template used that the page did not provide.
    public struct Missing: Sendable, Hashable {
        /// The template's file.
        public var path: String
        /// The name as written (`titel`, `entry.titel`).
        public var name: String
        public var line: Int
        public var column: Int
    }

    /// Every name looked up in vain, once per tag.
    public var missing: Set<Missing> = []
    /// Set when rendering stopped: partials nested too deep.
    public var failure: Diagnostic?

    /// The report's findings as diagnostics: warnings for missing names, then the failure.
    public var diagnostics: [Diagnostic] {
        missing.sorted { ($0.path, $0.line, $0.column, $0.name) < ($1.path, $1.line, $1.column, $1.name) }.map {
            .warning(
                SourceLocation(path: $0.path, line: $0.line, column: $0.column),
                "template uses '\($0.name)', which this page does not provide; it renders as nothing")
        } + (failure.map { [$0] } ?? [])
    }

    mutating func merge(_ other: TemplateReport) {
        missing.formUnion(other.missing)
        if failure == nil { failure = other.failure }
    }
}

/// Renders compiled templates into bytes.
///
/// Names are looked up from the innermost context outwards. Sections over a
/// `TemplateValue.sequence` render their items on all cores, a window of chunks at a time,
/// and append them in order; `drain` then takes the bytes so far, so a page holding
/// thousands of entries is never held whole.
struct TemplateRenderer: Sendable {
    /// Partials and parents nested deeper than this, or used more often than
    /// `maximumExpansions` for one page (on all cores together), stop rendering with an error: a template whose
    /// recursion depends on its data must still end, and end soon (a partial recursing
    /// once per item of a list would otherwise multiply without bound).
    static let maximumDepth = 64
    static let maximumExpansions = 10_000_000
    /// Section items rendered for one page before rendering stops with an error: sections
    /// nested over the same lists multiply too.
    static let maximumItems = 10_000_000
    /// Bytes one page may hold before it is drained.
    static let maximumOutput = 1 << 30
    /// Items of a sequence rendered by one task.
    static let chunkSize = 16
    /// Once the output holds more than this after a window of sequence items, it is drained.
    static let drainThreshold = 1 << 18

    let library: TemplateLibrary
    /// Takes (and empties) the output so far; nil keeps everything in `output`.
    var drain: Drain?
    var output: [UInt8] = []
    var report = TemplateReport()

    /// The current line indentation of standalone partials and blocks, and whether the last
    /// byte written ended a line (the next non-empty write is then indented).
    private var indentation: [UInt8] = []
    private var atLineStart = true
    /// The blocks children defined, by name: outer definitions win over inner ones.
    private var overrides: [String: Override] = [:]
    private var depth = 0
    /// What the page has rendered so far, shared by the copies that render a sequence's
    /// chunks on other cores, so that parallel and nested sequences share one budget.
    let budget: TemplateBudget

    /// A block's content from a child template, rendered in the parent's place.
    private struct Override: Sendable {
        var nodes: [TemplateNode]
        var template: Int
    }

    /// One level of the context stack: a value, and where it stands in its list.
    private struct Level: Sendable {
        var value: TemplateValue
        var item: (index: Int, count: Int)?
    }

    /// What takes the output part by part. Only the renderer that was given it calls it, on
    /// its own thread: the copies that render a sequence's chunks on other cores have none.
    struct Drain: @unchecked Sendable {
        let body: (inout [UInt8]) throws -> Void
    }

    init(
        library: TemplateLibrary, maximumItems: Int = Self.maximumItems,
        maximumExpansions: Int = Self.maximumExpansions, drain: ((inout [UInt8]) throws -> Void)? = nil
    ) {
        self.library = library
        self.drain = drain.map(Drain.init)
        budget = TemplateBudget(maximumItems: maximumItems, maximumExpansions: maximumExpansions)
    }

    /// Renders template `index` with `context` at the bottom of the stack. Throws what
    /// `drain` throws, or the failure in `report` when rendering had to stop.
    mutating func render(template index: Int, context: TemplateValue) throws {
        var stack = [Level(value: context, item: nil)]
        do {
            try render(library.templates[index].nodes, template: index, stack: &stack)
        } catch let stop as Stop {
            report.failure = stop.diagnostic
            throw stop
        }
    }

    /// Stops rendering: the template recursed too deep.
    struct Stop: Error {
        var diagnostic: Diagnostic
    }

    // MARK: - Nodes

    private mutating func render(_ nodes: [TemplateNode], template: Int, stack: inout [Level]) throws {
        for node in nodes {
            switch node {
            case .text(let bytes):
                writeText(bytes)
            case .variable(let name, let escaped, let at):
                guard let value = lookup(name, stack: stack, template: template, at: at) else { continue }
                write(value, escaped: escaped)
            case .section(let name, let body, let inverted, let at):
                let value = lookup(name, stack: stack, template: template, at: at)
                if inverted {
                    if !(value?.isTruthy ?? false) { try render(body, template: template, stack: &stack) }
                } else if let value {
                    try renderSection(value, body: body, template: template, at: at, stack: &stack)
                }
            case .partial(let partial):
                try renderPartial(partial, from: template, stack: &stack)
            case .block(let name, let body, let blockIndentation):
                let saved = indentation
                indentation += blockIndentation
                defer { indentation = saved }
                if let override = overrides[name] {
                    try render(override.nodes, template: override.template, stack: &stack)
                } else {
                    try render(body, template: template, stack: &stack)
                }
            }
        }
    }

    private mutating func renderSection(
        _ value: TemplateValue, body: [TemplateNode], template: Int, at: TemplatePosition, stack: inout [Level]
    ) throws {
        switch value {
        case .bool(let flag):
            if flag { try render(body, template: template, stack: &stack) }
        case .null:
            break
        case .list(let list):
            try count(list.count, at: at, template: template)
            for (index, item) in list.enumerated() {
                stack.append(Level(value: item, item: (index, list.count)))
                try render(body, template: template, stack: &stack)
                stack.removeLast()
            }
        case .sequence(let sequence):
            try count(sequence.count, at: at, template: template)
            try renderSequence(sequence, body: body, template: template, stack: &stack)
        case .text, .number, .object:
            stack.append(Level(value: value, item: nil))
            try render(body, template: template, stack: &stack)
            stack.removeLast()
        }
    }

    private mutating func renderPartial(_ partial: TemplatePartial, from template: Int, stack: inout [Level]) throws {
        guard let target = partial.target else { return }
        guard depth < Self.maximumDepth, budget.spendExpansion() else {
            throw Stop(
                diagnostic: .error(
                    SourceLocation(
                        path: library.templates[template].path, line: Int(partial.at.line),
                        column: Int(partial.at.column)),
                    "template recursion does not end at '\(partial.name)': partials nest more than \(Self.maximumDepth) deep or are used more than \(budget.maximumExpansions.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) times for one page; a template must not include itself without end"
                ))
        }
        let savedIndentation = indentation
        let savedOverrides = overrides
        defer {
            indentation = savedIndentation
            overrides = savedOverrides
            depth -= 1
        }
        depth += 1
        if let extra = partial.indentation { indentation += extra }
        if let defined = partial.overrides {
            for (name, nodes) in defined where overrides[name] == nil {
                overrides[name] = Override(nodes: nodes, template: template)
            }
        }
        try render(library.templates[target].nodes, template: target, stack: &stack)
    }

    /// Counts `more` section items against the page's budget, and checks the output's size.
    private mutating func count(_ more: Int, at: TemplatePosition, template: Int) throws {
        guard budget.spend(items: more), output.count <= Self.maximumOutput else {
            throw Stop(
                diagnostic: .error(
                    SourceLocation(path: library.templates[template].path, line: Int(at.line), column: Int(at.column)),
                    "template renders too much for one page at this section (more than \(budget.maximumItems.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) items, or 1 GB); are sections nested over the same lists?"
                ))
        }
    }

    /// A section over a sequence: chunks of items render on all cores, a window at a time,
    /// and are appended in order. Inside an indented partial, items render one after the
    /// other, since each one's indentation depends on how the previous one ended.
    private mutating func renderSequence(
        _ sequence: TemplateSequence, body: [TemplateNode], template: Int, stack: inout [Level]
    ) throws {
        guard indentation.isEmpty, sequence.count > Self.chunkSize else {
            for index in 0..<sequence.count {
                stack.append(Level(value: sequence.item(index), item: (index, sequence.count)))
                try render(body, template: template, stack: &stack)
                stack.removeLast()
            }
            // Many short sequences (small sections) must not hold the page whole either.
            if let drain, output.count > Self.drainThreshold { try drain.body(&output) }
            return
        }
        let chunkCount = (sequence.count + Self.chunkSize - 1) / Self.chunkSize
        let window = max(2, ProcessInfo.processInfo.activeProcessorCount * 4)
        var worker = self
        worker.drain = nil
        worker.output = []
        worker.report = TemplateReport()
        let base = worker
        let levels = stack
        var firstChunk = 0
        while firstChunk < chunkCount {
            let chunks = min(window, chunkCount - firstChunk)
            let results = ChunkResults(count: chunks)
            let start = firstChunk
            DispatchQueue.concurrentPerform(iterations: chunks) { offset in
                var renderer = base
                var stack = levels
                let chunk = start + offset
                let range = (chunk * Self.chunkSize)..<min((chunk + 1) * Self.chunkSize, sequence.count)
                do {
                    for index in range {
                        stack.append(Level(value: sequence.item(index), item: (index, sequence.count)))
                        try renderer.render(body, template: template, stack: &stack)
                        stack.removeLast()
                    }
                } catch let stop as Stop {
                    renderer.report.failure = stop.diagnostic
                } catch {}
                results.set(offset, (renderer.output, renderer.report))
            }
            for (bytes, chunkReport) in results.values {
                output += bytes
                report.merge(chunkReport)
                if let failure = chunkReport.failure { throw Stop(diagnostic: failure) }
            }
            if let last = output.last { atLineStart = last == 0x0A }
            if let drain, output.count > Self.drainThreshold { try drain.body(&output) }
            firstChunk += chunks
        }
    }

    // MARK: - Names

    private mutating func lookup(_ name: TemplateName, stack: [Level], template: Int, at: TemplatePosition)
        -> TemplateValue?
    {
        if let function = name.function, function.isPositional {
            guard let item = stack.last(where: { $0.item != nil })?.item else {
                noteMissing(name, template: template, at: at)
                return nil
            }
            switch function {
            case .first: return .bool(item.index == 0)
            case .last: return .bool(item.index == item.count - 1)
            case .index: return .number(item.index)
            case .even: return .bool(item.index % 2 == 0)
            case .odd: return .bool(item.index % 2 == 1)
            case .empty, .count: return nil
            }
        }
        guard let value = resolve(name.path, stack: stack) else {
            noteMissing(name, template: template, at: at)
            return nil
        }
        switch name.function {
        case .empty?: return .bool(!value.isTruthy)
        case .count?:
            switch value {
            case .list(let items): return .number(items.count)
            case .sequence(let sequence): return .number(sequence.count)
            default: return .number(value.isTruthy ? 1 : 0)
            }
        default: return value
        }
    }

    /// The value of `path`: its first name from the innermost level that has it, the rest
    /// inside that value. Nil when any name is missing.
    private func resolve(_ path: [String], stack: [Level]) -> TemplateValue? {
        guard let first = path.first else { return stack.last?.value }
        var found: TemplateValue?
        for level in stack.reversed() {
            if case .object(let context) = level.value, let value = context.value(named: first) {
                found = value
                break
            }
        }
        guard var value = found else { return nil }
        for name in path.dropFirst() {
            guard case .object(let context) = value, let inner = context.value(named: name) else { return nil }
            value = inner
        }
        return value
    }

    private mutating func noteMissing(_ name: TemplateName, template: Int, at: TemplatePosition) {
        report.missing.insert(
            TemplateReport.Missing(
                path: library.templates[template].path, name: name.written, line: Int(at.line), column: Int(at.column)))
    }

    // MARK: - Output

    private mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text):
            guard !text.isEmpty else { return }
            indentIfNeeded()
            if escaped { HTMLEscaping.append(text, to: &output) } else { output.append(contentsOf: text.utf8) }
            atLineStart = text.utf8.last == 0x0A
        case .number(let number):
            indentIfNeeded()
            output.append(contentsOf: String(number).utf8)
            atLineStart = false
        case .bool(let flag):
            indentIfNeeded()
            output.append(contentsOf: (flag ? "true" : "false").utf8)
            atLineStart = false
        case .null, .list, .object, .sequence:
            break
        }
    }

    /// Writes template text; inside an indented partial or block, every line it starts is
    /// indented.
    private mutating func writeText(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        guard !indentation.isEmpty else {
            output += bytes
            atLineStart = bytes[bytes.count - 1] == 0x0A
            return
        }
        var start = 0
        while start < bytes.count {
            let end = (bytes[start...].firstIndex(of: 0x0A) ?? (bytes.count - 1)) + 1
            indentIfNeeded()
            output += bytes[start..<end]
            atLineStart = bytes[end - 1] == 0x0A
            start = end
        }
    }

    @inline(__always)
    private mutating func indentIfNeeded() {
        if atLineStart && !indentation.isEmpty { output += indentation }
        atLineStart = false
    }
}

/// One slot per chunk of a window, each written by exactly one thread of
/// `concurrentPerform` and read after it returns.
private final class ChunkResults: @unchecked Sendable {
    private(set) var values: [([UInt8], TemplateReport)]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: ([], TemplateReport()), count: count) }

    func set(_ index: Int, _ value: ([UInt8], TemplateReport)) {
        lock.withLock { values[index] = value }
    }
}

/// The work one page may do: section items and partial uses, counted across every core
/// that renders a part of it.
final class TemplateBudget: @unchecked Sendable {
    let maximumItems: Int
    let maximumExpansions: Int
    private let lock = NSLock()
    private var items = 0
    private var expansions = 0

    init(maximumItems: Int, maximumExpansions: Int) {
        self.maximumItems = maximumItems
        self.maximumExpansions = maximumExpansions
    }

    /// Counts `count` more section items; false once there were too many.
    func spend(items count: Int) -> Bool {
        lock.withLock {
            items += count
            return items <= maximumItems
        }
    }

    /// Counts one more use of a partial or parent; false once there were too many.
    func spendExpansion() -> Bool {
        lock.withLock {
            expansions += 1
            return expansions <= maximumExpansions
        }
    }
}
