/// A value a template can show (`{{name}}`) or enter (`{{#name}}`).
///
/// Pages build their contexts from these cases only, so the engine never asks what type a
/// value is at run time: no reflection, no casts.
public enum TemplateValue: Sendable {
    /// Text: escaped by `{{name}}` in HTML templates, written as it is by `{{{name}}}`.
    case text(String)
    /// A whole number, written in decimal.
    case number(Int)
    /// A flag: a section shows once when true, never when false.
    case bool(Bool)
    /// Nothing: shows as nothing, and a section over it never shows.
    case null
    /// A list: a section shows once per item; an empty list counts as false.
    case list([TemplateValue])
    /// A value with names of its own (an entry, a section, a page).
    case object(any TemplateContext)
    /// A long list whose items are built and rendered on all cores, in chunks, and written
    /// in order: a section over it never holds every item at once.
    case sequence(TemplateSequence)

    /// False for `false`, `null` and empty lists; true otherwise (as Mustache has it, an
    /// empty text and `0` are true).
    var isTruthy: Bool {
        switch self {
        case .bool(let flag): return flag
        case .null: return false
        case .list(let items): return !items.isEmpty
        case .sequence(let sequence): return sequence.count > 0
        case .text, .number, .object: return true
        }
    }
}

/// A value with names: a template looks a name up in the innermost context that has it.
public protocol TemplateContext: Sendable {
    /// The value called `name`, or nil when this context has no such name.
    func value(named name: String) -> TemplateValue?
}

/// A context of named values, written like a dictionary literal.
public struct TemplateObject: TemplateContext, ExpressibleByDictionaryLiteral {
    /// The values by name.
    public var values: [String: TemplateValue]

    /// A context holding `values`.
    public init(_ values: [String: TemplateValue] = [:]) { self.values = values }

    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public func value(named name: String) -> TemplateValue? { values[name] }

    /// Reads or sets one value.
    public subscript(name: String) -> TemplateValue? {
        get { values[name] }
        set { values[name] = newValue }
    }
}

/// The items of a long list, made on demand: item `k` is built by `item(k)` on whichever
/// core renders it, so building (parsing an entry's body, say) runs in parallel too.
public struct TemplateSequence: Sendable {
    /// How many items there are.
    public let count: Int
    /// Builds item `index` (0 ..< count); called once per item and use, from any thread.
    public let item: @Sendable (Int) -> TemplateValue

    /// A sequence of `count` items built by `item`.
    public init(count: Int, item: @escaping @Sendable (Int) -> TemplateValue) {
        self.count = count
        self.item = item
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }

    /// Zero or one item: `[text]` when `text` is present and not blank, else `[]`, so that
    /// `{{#summary}}{{.}}{{/summary}}` shows a summary only when there is one.
    public static func optional(_ text: String?) -> TemplateValue {
        guard let text, !text.isBlank else { return .list([]) }
        return .list([.text(text)])
    }

    /// A list of texts.
    public static func texts(_ texts: [String]) -> TemplateValue { .list(texts.map(TemplateValue.text)) }

    /// A list of objects.
    public static func objects(_ objects: [TemplateObject]) -> TemplateValue { .list(objects.map(TemplateValue.object)) }
}
