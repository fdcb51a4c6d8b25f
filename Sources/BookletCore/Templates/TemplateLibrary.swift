/// Templates that use each other by name (`{{> entry}}`, `{{< layout}}`), compiled once.
///
/// Loading parses every template, resolves every partial and parent to the template it
/// names, and finds templates that would include themselves forever. Rendering then only
/// walks the compiled nodes.
public struct TemplateLibrary: Sendable {
    /// One compiled template.
    struct Compiled: Sendable {
        /// Its name in the library (`entry`).
        var name: String
        /// Its file, as the user named it, for messages.
        var path: String
        var nodes: [TemplateNode]
    }

    /// A template's text, before compiling.
    public struct Source: Sendable {
        /// The name other templates use for it.
        public var name: String
        /// Its file, for messages.
        public var path: String
        public var text: String
        /// Whether `{{name}}` escapes HTML (true for HTML templates, false for text ones).
        public var escaping: Bool

        /// A template named `name`, read from `path`.
        public init(name: String, path: String, text: String, escaping: Bool) {
            self.name = name
            self.path = path
            self.text = text
            self.escaping = escaping
        }
    }

    let templates: [Compiled]
    private let indices: [String: Int]

    /// The index of the template called `name`, if there is one.
    func index(of name: String) -> Int? { indices[name] }

    /// The names of the templates, sorted.
    public var names: [String] { indices.keys.sorted() }

    /// Compiles `sources`. Syntax errors, partials naming no template and templates that
    /// include themselves unconditionally are reported at their file, line and column; a
    /// template with a syntax error is left out, and a partial naming no template renders
    /// as nothing. Partials naming one of `reported` (templates whose absence was reported
    /// already) are not reported again.
    public static func compile(_ sources: [Source], reported: Set<String> = []) -> (TemplateLibrary, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var compiled: [Compiled] = []
        for source in sources.sorted(by: { $0.name < $1.name }) {
            do {
                let nodes = try TemplateParser.parse(source.text, escaping: source.escaping)
                compiled.append(Compiled(name: source.name, path: source.path, nodes: nodes))
            } catch {
                diagnostics.append(
                    .error(
                        SourceLocation(path: source.path, line: Int(error.at.line), column: Int(error.at.column)),
                        "template syntax error: \(error.message)"))
            }
        }
        let failed = Set(diagnostics.map(\.location.path))
        var indices: [String: Int] = [:]
        for (index, template) in compiled.enumerated() { indices[template.name] = index }
        let known = compiled.map(\.name) + sources.filter { failed.contains($0.path) }.map(\.name) + reported.sorted()
        for index in compiled.indices {
            let path = compiled[index].path
            compiled[index].nodes = resolve(compiled[index].nodes, indices: indices) { partial in
                // A partial of a template that failed to parse is not unknown: its error says enough.
                guard !known.contains(partial.name) else { return }
                diagnostics.append(
                    .error(
                        SourceLocation(path: path, line: Int(partial.at.line), column: Int(partial.at.column)),
                        "template names unknown partial '\(partial.name)'\(Suggestion.hint(for: partial.name, in: known.sorted()))"
                    ))
            }
        }
        let library = TemplateLibrary(templates: compiled, indices: indices)
        diagnostics += library.endlessInclusions()
        return (library, diagnostics)
    }

    /// `nodes` with every partial pointing at its template; `unknown` is told of the others.
    private static func resolve(
        _ nodes: [TemplateNode], indices: [String: Int], unknown: (TemplatePartial) -> Void
    ) -> [TemplateNode] {
        nodes.map { node in
            switch node {
            case .text, .variable: return node
            case .section(let name, let body, let inverted, let at):
                return .section(name, body: resolve(body, indices: indices, unknown: unknown), inverted: inverted, at: at)
            case .block(let name, let body, let indentation):
                return .block(name: name, body: resolve(body, indices: indices, unknown: unknown), indentation: indentation)
            case .partial(var partial):
                partial.target = indices[partial.name]
                if partial.target == nil { unknown(partial) }
                partial.overrides = partial.overrides?.mapValues { resolve($0, indices: indices, unknown: unknown) }
                return .partial(partial)
            }
        }
    }

    /// Templates that include or inherit from themselves, directly or through others, on a
    /// path that no section or block stands on: rendering them could never end.
    private func endlessInclusions() -> [Diagnostic] {
        // For each template, the partials and parents it always renders.
        var edges: [[TemplatePartial]] = templates.map { _ in [] }
        for (index, template) in templates.enumerated() {
            for node in template.nodes {
                if case .partial(let partial) = node, partial.target != nil { edges[index].append(partial) }
            }
        }
        var diagnostics: [Diagnostic] = []
        var state = [UInt8](repeating: 0, count: templates.count)  // 0 new, 1 on path, 2 done
        var path: [(template: Int, partial: TemplatePartial)] = []
        func visit(_ index: Int) {
            state[index] = 1
            for partial in edges[index] {
                guard let target = partial.target else { continue }
                if state[target] == 1 {
                    let start = path.firstIndex { $0.template == target } ?? path.count
                    let cycle = path[start...].map(\.template) + [index, target]
                    let names = cycle.map { "'\(templates[$0].name)'" }.joined(separator: " → ")
                    diagnostics.append(
                        .error(
                            SourceLocation(
                                path: templates[index].path, line: Int(partial.at.line), column: Int(partial.at.column)),
                            "template includes itself (\(names)), so it would never end; remove the '{{\(partial.overrides == nil ? ">" : "<")\(partial.name)}}'"
                        ))
                } else if state[target] == 0 {
                    path.append((index, partial))
                    visit(target)
                    path.removeLast()
                }
            }
            state[index] = 2
        }
        for index in templates.indices where state[index] == 0 { visit(index) }
        return diagnostics
    }
}
