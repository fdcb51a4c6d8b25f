/// The templates of `templates/`: `html/*.mustache` for pages, `text/*.mustache` for the
/// plain-text booklet and handouts. Editors change the look by editing these only.
///
/// Each folder is one `TemplateLibrary`: inside it, templates name each other without the
/// folder (`{{<layout}}`). HTML templates escape `{{name}}`; text templates do not.
public struct TemplateSet: Sendable {
    /// Templates every build needs, by name relative to `templates/` (without `.mustache`):
    /// those of every output.
    static var required: [String] { Outputs.requiredTemplates }

    /// The folder whose templates write plain text and so escape nothing.
    static let textFolder = "text"

    /// The e-book's folder. Its templates write XHTML, and `{{name}}` escapes the same
    /// five characters as in `html/` (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`): XML's
    /// own entities and a character reference, so the output is well-formed XML too.
    static let bookFolder = "epub"

    /// One library per folder (`html`, `text`).
    let libraries: [String: TemplateLibrary]
    /// The templates folder as the user named it.
    public let path: String
    /// Files to copy verbatim into `site/assets/`, as (relative path, bytes).
    public let assets: [(path: String, bytes: [UInt8])]
    /// Files of `epub/` other than templates (the e-book's stylesheet), copied into the
    /// e-book as they are, as (relative path, bytes).
    public var bookFiles: [(path: String, bytes: [UInt8])] = []

    /// Loads and compiles the templates in `path`. Syntax errors, missing required
    /// templates, partials naming no template and endless inclusions are reported with
    /// their file, line and column.
    public static func load(path: String) -> (TemplateSet?, [Diagnostic]) {
        let root = FileSystem.withoutTrailingSlash(path)
        // A templates folder given as a symbolic link is followed (`root/.`), like the content folder.
        guard FileSystem.kind(of: root + "/.") == .directory else {
            return (nil, [.error(SourceLocation(path: root), "templates folder not found")])
        }
        var diagnostics: [Diagnostic] = []
        var sources: [String: [TemplateLibrary.Source]] = [:]
        var found: Set<String> = []
        for relative in files(in: root, under: "") where relative.hasSuffix(".mustache") {
            let name = String(relative.dropLast(".mustache".count))
            let filePath = root + "/" + relative
            found.insert(name)
            guard let bytes = try? FileSystem.read(filePath) else {
                diagnostics.append(.error(SourceLocation(path: filePath), "cannot read template"))
                continue
            }
            switch SourceText.decode(bytes, path: filePath) {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let text):
                let (folder, local) = split(name)
                sources[folder, default: []].append(
                    TemplateLibrary.Source(name: local, path: filePath, text: text.text, escaping: folder != textFolder))
            }
        }
        for name in required where !found.contains(name) {
            diagnostics.append(
                .error(SourceLocation(path: root + "/" + name + ".mustache"), "required template is missing"))
        }
        // A missing required template is reported once, not again at every partial or
        // parent tag that names it.
        var missing: [String: Set<String>] = [:]
        for name in required where !found.contains(name) {
            let (folder, local) = split(name)
            missing[folder, default: []].insert(local)
        }
        var libraries: [String: TemplateLibrary] = [:]
        for (folder, folderSources) in sources {
            let (library, problems) = TemplateLibrary.compile(folderSources, reported: missing[folder] ?? [])
            libraries[folder] = library
            diagnostics += problems
        }
        var assets: [(String, [UInt8])] = []
        for relative in files(in: root + "/assets", under: "") {
            if let bytes = try? FileSystem.read(root + "/assets/" + relative) {
                assets.append((relative, bytes))
            } else {
                diagnostics.append(.error(SourceLocation(path: root + "/assets/" + relative), "cannot read asset"))
            }
        }
        var bookFiles: [(String, [UInt8])] = []
        for relative in files(in: root + "/" + bookFolder, under: "") where !relative.hasSuffix(".mustache") {
            if let bytes = try? FileSystem.read(root + "/" + bookFolder + "/" + relative) {
                bookFiles.append((relative, bytes))
            } else {
                diagnostics.append(
                    .error(SourceLocation(path: root + "/" + bookFolder + "/" + relative), "cannot read file"))
            }
        }
        diagnostics.sort()
        if diagnostics.containsErrors { return (nil, diagnostics) }
        return (TemplateSet(libraries: libraries, path: root, assets: assets, bookFiles: bookFiles), diagnostics)
    }

    /// The library and index of template `name` (`html/entry`).
    private func find(_ name: String) -> (TemplateLibrary, Int)? {
        let (folder, local) = Self.split(name)
        guard let library = libraries[folder], let index = library.index(of: local) else { return nil }
        return (library, index)
    }

    /// True when the set has a template called `name` (`html/entry`).
    func contains(_ name: String) -> Bool { find(name) != nil }

    /// Renders template `name` with `context`, returning its text and what went wrong.
    public func render(_ name: String, _ context: TemplateObject) -> (text: String, report: TemplateReport) {
        guard let (library, index) = find(name) else { return ("", TemplateReport()) }
        var renderer = TemplateRenderer(library: library)
        try? renderer.render(template: index, context: .object(context))
        return (String(decoding: renderer.output, as: UTF8.self), renderer.report)
    }

    /// Renders template `name` with `context`, handing its bytes to `drain` part by part
    /// (sections over a `TemplateValue.sequence` render in parallel and are drained as they
    /// finish). Throws what `drain` throws; a failed render is in the report.
    func render(_ name: String, _ context: TemplateObject, drain: @escaping (inout [UInt8]) throws -> Void)
        throws -> TemplateReport
    {
        guard let (library, index) = find(name) else { return TemplateReport() }
        var renderer = TemplateRenderer(library: library, drain: drain)
        do {
            try renderer.render(template: index, context: .object(context))
        } catch is TemplateRenderer.Stop {
            return renderer.report
        }
        try drain(&renderer.output)
        return renderer.report
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
}
