import Foundation
import Mustache

/// The Mustache templates of `templates/`: `html/*.mustache` for pages, `text/*.mustache`
/// for the plain-text booklet and handouts. Editors change the look by editing these only.
public struct TemplateSet: Sendable {
    /// Templates every build needs, by name relative to `templates/` (without `.mustache`).
    public static let required = [
        "html/layout", "html/cover", "html/section", "html/entry", "html/vocabulary", "html/term", "html/search",
        "html/print", "html/handout", "text/booklet", "text/handout",
    ]

    /// One library per kind of output (`html`, `text`); inside one, templates name each
    /// other without the folder (`{{<layout}}`), as Mustache names cannot contain `/`.
    let libraries: [String: MustacheLibrary]
    /// The same templates by folder, then name: skeleton libraries are built from them.
    let templates: [String: [String: MustacheTemplate]]
    /// The templates folder as the user named it.
    public let path: String
    /// Files to copy verbatim into `site/assets/`, as (relative path, bytes).
    public let assets: [(path: String, bytes: [UInt8])]

    /// Loads and checks the templates in `path`. Syntax errors, missing required templates
    /// and partials naming no template are reported with their file and line.
    public static func load(path: String) -> (TemplateSet?, [Diagnostic]) {
        let root = FileSystem.withoutTrailingSlash(path)
        // A templates folder given as a symbolic link is followed (`root/.`), like the content folder.
        guard FileSystem.kind(of: root + "/.") == .directory else {
            return (nil, [.error(SourceLocation(path: root), "templates folder not found")])
        }
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        var sources: [String: String] = [:]
        for relative in files(in: root, under: "") where relative.hasSuffix(".mustache") {
            let name = String(relative.dropLast(".mustache".count))
            let filePath = root + "/" + relative
            guard let bytes = try? FileSystem.read(filePath) else {
                diagnostics.append(.error(SourceLocation(path: filePath), "cannot read template"))
                continue
            }
            switch SourceText.decode(bytes, path: filePath) {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let text):
                do {
                    templates[name] = try MustacheTemplate(string: escapingPragma + text.text)
                    sources[name] = text.text
                } catch let error as MustacheTemplate.ParserError {
                    diagnostics.append(
                        .error(
                            SourceLocation(
                                path: filePath, line: max(1, error.context.lineNumber - 1),
                                column: error.context.columnNumber + 1),
                            "template syntax error: \(describe(error.error))"))
                } catch {
                    diagnostics.append(.error(SourceLocation(path: filePath), "template syntax error: \(error)"))
                }
            }
        }
        for name in required
        where templates[name] == nil && !diagnostics.contains(where: { $0.location.path.hasSuffix(name + ".mustache") })
        {
            diagnostics.append(
                .error(SourceLocation(path: root + "/" + name + ".mustache"), "required template is missing"))
        }
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let folder = split(name).0
            let siblings = Set(templates.keys.filter { split($0).0 == folder }.map { split($0).1 })
            diagnostics += checkPartials(in: source, path: root + "/" + name + ".mustache", known: siblings)
        }
        var assets: [(String, [UInt8])] = []
        for relative in files(in: root + "/assets", under: "") {
            if let bytes = try? FileSystem.read(root + "/assets/" + relative) {
                assets.append((relative, bytes))
            } else {
                diagnostics.append(.error(SourceLocation(path: root + "/assets/" + relative), "cannot read asset"))
            }
        }
        if diagnostics.containsErrors { return (nil, diagnostics) }
        var grouped: [String: [String: MustacheTemplate]] = [:]
        for (name, template) in templates {
            let (folder, local) = split(name)
            grouped[folder, default: [:]][local] = template
        }
        let libraries = grouped.mapValues { MustacheLibrary(templates: $0) }
        return (TemplateSet(libraries: libraries, templates: grouped, path: root, assets: assets), diagnostics)
    }

    /// A line put before every template, before it is parsed: `{{name}}` is escaped by
    /// `MustacheHTML`. A template's own pragma (`{{% CONTENT_TYPE: TEXT}}`) still wins, as
    /// it comes later. The line stands alone, so Mustache drops it from the output; parse
    /// errors are reported one line up. Registering the content type is the only effect
    /// Booklet has on swift-mustache's registry; it happens once, before the first parse.
    static let escapingPragma: String = {
        MustacheContentTypes.register(MustacheHTML(), named: MustacheHTML.name)
        return "{{% CONTENT_TYPE: \(MustacheHTML.name)}}\n"
    }()

    /// Renders template `name` with `context`, returning the text and the names the
    /// template asked for that the context does not have (misspelt keys).
    func render(_ name: String, _ context: [String: Any]) -> (text: String, unknownKeys: Set<String>) {
        let root = RecordingContext(values: context)
        let (folder, local) = Self.split(name)
        let text = libraries[folder]?.render(root, withTemplate: local) ?? ""
        return (text, root.missing)
    }

    /// Renders template `name` with `context`, except that every use of the partial
    /// `slotPartial` (in the same folder) for an entry renders that entry's marker (the
    /// key `_slot` of its item) instead; see `OnePageStream`. Used where no entry is in
    /// reach, the partial renders as usual. Without such a partial, this is `render`.
    func renderSkeleton(_ name: String, _ context: [String: Any], slotPartial: String)
        -> (text: String, unknownKeys: Set<String>)
    {
        let (folder, local) = Self.split(name)
        // Where the partial is used for an entry, the marker; anywhere else (no slot key
        // in reach), the partial itself, kept under a name no template file can have.
        let key = OnePageStream.slotKey
        guard let partial = templates[folder]?[slotPartial],
            let slot = try? MustacheTemplate(
                string: "{{#\(key)}}{{.}}\n\u{3}{{/\(key)}}{{^\(key)}}{{> /\(slotPartial)}}{{/\(key)}}"),
            let library = library(folder, adding: [slotPartial: slot, "/" + slotPartial: partial])
        else { return render(name, context) }
        let root = RecordingContext(values: context, ignoring: [key])
        let text = library.render(root, withTemplate: local) ?? ""
        return (text, root.missing)
    }

    /// The templates of `folder` with `extra` added (replacing any of the same name).
    func library(_ folder: String, adding extra: [String: MustacheTemplate]) -> MustacheLibrary? {
        guard var templates = templates[folder] else { return nil }
        templates.merge(extra) { _, new in new }
        return MustacheLibrary(templates: templates)
    }

    /// Renders `template` of `library` as if it stood inside sections: names are looked
    /// up in `levels` from last to first, then in `root`, like Mustache's context stack.
    static func render(_ template: String, of library: MustacheLibrary, root: [String: Any], levels: [Any])
        -> (text: String, unknownKeys: Set<String>)
    {
        let recorder = RecordingContext(values: root)
        let text = library.render(StackContext(root: recorder, levels: levels), withTemplate: template) ?? ""
        return (text, recorder.missing)
    }

    /// ("html", "entry") for "html/entry"; templates at the top level are in folder "".
    static func split(_ name: String) -> (String, String) {
        guard let slash = name.firstIndex(of: "/") else { return ("", name) }
        return (String(name[..<slash]), String(name[name.index(after: slash)...]))
    }

    /// Regular files below `folder`, as sorted relative paths; hidden files are skipped.
    private static func files(in folder: String, under prefix: String) -> [String] {
        guard let names = try? FileSystem.list(folder) else { return [] }
        var result: [String] = []
        for name in names where !name.hasPrefix(".") {
            let full = folder + "/" + name
            switch FileSystem.kind(of: full) {
            case .file: result.append(prefix + name)
            case .directory where !(prefix.isEmpty && name == "assets"):
                result += files(in: full, under: prefix + name + "/")
            default: break
            }
        }
        return result
    }

    /// `{{> name}}` tags whose template does not exist render as nothing; report them.
    private static func checkPartials(in source: String, path: String, known: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (lineIndex, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let after = rest[open.upperBound...]
                guard let first = after.first, first == ">" || first == "<",
                    let close = after.range(of: "}}")
                else {
                    rest = after
                    continue
                }
                let name = after[after.index(after: after.startIndex)..<close.lowerBound].trimmingSpaces
                if !name.hasPrefix("*") && !known.contains(name) {
                    let column = line[..<open.lowerBound].unicodeScalars.count + 1
                    diagnostics.append(
                        .error(
                            SourceLocation(path: path, line: lineIndex + 1, column: column),
                            "template names unknown partial '\(name)'\(Suggestion.hint(for: name, in: known.sorted()))")
                    )
                }
                rest = after[close.upperBound...]
            }
        }
        return diagnostics
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect:
            return "a section closes with a different name than it opened"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not closed with '}}'"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: return "bad set-delimiter tag"
        default: return "\(error)"
        }
    }
}

/// The root of a template context. Mustache renders unknown names as empty text; every
/// name that reaches the root unresolved is recorded here, so a misspelt key is reported
/// instead of silently vanishing. Contexts are total (every key present, possibly empty),
/// so a recorded name is always a real mistake.
final class RecordingContext: MustacheParent {
    let values: [String: Any]
    /// Names Booklet itself asks for where they may be absent.
    let ignored: Set<String>
    private(set) var missing: Set<String> = []

    init(values: [String: Any], ignoring ignored: Set<String> = []) {
        self.values = values
        self.ignored = ignored
    }

    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        if !ignored.contains(name) { missing.insert(name) }
        return nil
    }
}

/// A Mustache context stack as one object: a name is looked up in the innermost level
/// first, then outwards, ending at the root (which records names it does not have).
final class StackContext: MustacheParent {
    let root: RecordingContext
    /// The levels that can hold names, innermost first (cast once, not at every lookup).
    let innermostFirst: [MustacheParent]

    init(root: RecordingContext, levels: [Any]) {
        self.root = root
        innermostFirst = levels.reversed().compactMap { $0 as? MustacheParent }
    }

    func child(named name: String) -> Any? {
        for level in innermostFirst {
            if let value = level.child(named: name) { return value }
        }
        return root.child(named: name)
    }
}
