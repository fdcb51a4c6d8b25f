import Foundation
import Testing

@testable import BookletCore

/// The Mustache spec's own cases (`../shared/mustache-spec/*.json`, beside the repository),
/// run through Booklet's engine. Lambdas are not supported (templates are data); dynamic
/// names are optional and only counted.
@Suite("MustacheSpec")
struct MustacheSpecTests {
    static let folder = Repository.root.deletingLastPathComponent().appendingPathComponent("shared/mustache-spec")
    static let required = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]
    static let optional = ["~dynamic-names"]

    /// A JSON value of a spec file, kept apart from Foundation's untyped `Any`.
    enum JSON: Decodable {
        case bool(Bool), integer(Int), decimal(Double), string(String), array([JSON]), object([String: JSON]), null

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int.self) {
                self = .integer(value)
            } else if let value = try? container.decode(Double.self) {
                self = .decimal(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([JSON].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: JSON].self))
            }
        }

        var template: TemplateValue {
            switch self {
            case .bool(let value): return .bool(value)
            case .integer(let value): return .number(value)
            case .decimal(let value): return .text("\(value)")
            case .string(let value): return .text(value)
            case .array(let items): return .list(items.map(\.template))
            case .object(let values): return .object(TemplateObject(values.mapValues(\.template)))
            case .null: return .null
            }
        }
    }

    struct SpecFile: Decodable {
        struct Case: Decodable {
            var name: String
            var data: JSON
            var template: String
            var partials: [String: String]?
            var expected: String
        }
        var tests: [Case]
    }

    /// Renders one case; nil when the template does not compile.
    static func render(_ test: SpecFile.Case) -> String? {
        let name = "(spec case)"
        var sources = [TemplateLibrary.Source(name: name, path: name, text: test.template, escaping: true)]
        for (partial, text) in test.partials ?? [:] {
            sources.append(TemplateLibrary.Source(name: partial, path: partial, text: text, escaping: true))
        }
        let (library, diagnostics) = TemplateLibrary.compile(sources)
        // A partial naming no template is an error for Booklet, but the spec wants it to
        // render as nothing; syntax errors leave the template out.
        guard let index = library.index(of: name),
            !diagnostics.contains(where: { $0.message.hasPrefix("template syntax error") })
        else { return nil }
        var renderer = TemplateRenderer(library: library)
        try? renderer.render(template: index, context: test.data.template)
        return String(decoding: renderer.output, as: UTF8.self)
    }

    @Test func everyRequiredCasePasses() throws {
        guard FileManager.default.fileExists(atPath: Self.folder.path) else {
            print("mustache spec: skipped, \(Self.folder.path) is missing")
            return
        }
        for module in Self.required + Self.optional {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(module + ".json"))
            let file = try JSONDecoder().decode(SpecFile.self, from: data)
            var passed = 0
            for test in file.tests {
                let output = Self.render(test)
                if output == test.expected {
                    passed += 1
                } else if Self.required.contains(module) {
                    Issue.record(
                        "\(module): \(test.name): expected \(test.expected.debugDescription), got \(output.debugDescription)")
                }
            }
            print("mustache spec: \(module): \(passed)/\(file.tests.count) cases pass")
        }
        print("mustache spec: ~lambdas: not run; lambdas are not supported, as templates are data")
    }
}
