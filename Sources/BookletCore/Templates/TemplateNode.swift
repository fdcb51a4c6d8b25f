/// A place in a template file: 1-based line, and column in Unicode scalars.
struct TemplatePosition: Sendable, Hashable {
    var line: Int32
    var column: Int32
}

/// What a tag names: a dotted path looked up through the context stack (`entry.title`),
/// the current value (`.`), or a function of either.
struct TemplateName: Sendable, Hashable {
    /// The names of the path; empty for `.`.
    var path: [String]
    /// The function applied to the value, if any.
    var function: TemplateFunction?

    /// The name as written in the template, for messages.
    var written: String {
        let name = path.isEmpty ? "." : path.joined(separator: ".")
        guard let function else { return name }
        return function.isPositional ? function.rawValue + "()" : function.rawValue + "(" + name + ")"
    }
}

/// The functions a template may call. `first()`, `last()`, `index()`, `even()` and `odd()`
/// describe the current item of the innermost list; `empty(name)` and `count(name)` a list.
enum TemplateFunction: String, Sendable, CaseIterable {
    case first, last, index, even, odd, empty, count

    /// True for the functions of the current list item, written with empty parentheses.
    var isPositional: Bool {
        switch self {
        case .first, .last, .index, .even, .odd: return true
        case .empty, .count: return false
        }
    }
}

/// One piece of a compiled template.
indirect enum TemplateNode: Sendable {
    /// Text written as it is (UTF-8).
    case text([UInt8])
    /// `{{name}}` (escaped unless the template does not escape) or `{{{name}}}`.
    case variable(TemplateName, escaped: Bool, at: TemplatePosition)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(TemplateName, body: [TemplateNode], inverted: Bool, at: TemplatePosition)
    /// `{{>name}}` (no overrides) or `{{<name}}…{{/name}}` (with the blocks it overrides).
    /// `target` is the partial's index in its library, resolved when the library loads, or
    /// nil when no template has that name. `indentation` is set for a standalone tag: every
    /// line the partial writes after its first is indented by it.
    case partial(TemplatePartial)
    /// `{{$name}}default{{/name}}`: where a parent lets its children put their own content.
    case block(name: String, body: [TemplateNode], indentation: [UInt8])
}

/// A use of another template, as a partial or as a parent.
struct TemplatePartial: Sendable {
    var name: String
    var target: Int?
    var indentation: [UInt8]?
    /// For a parent (`{{<name}}`), the blocks the child defines; nil for a plain partial.
    var overrides: [String: [TemplateNode]]?
    var at: TemplatePosition
}
