#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `booklet new <section> <title>`: creates an entry file with front matter to fill in.
public enum Scaffold {
    /// Creates `<content>/<section>/<slug>.md` for `title` and returns its path.
    /// Refuses an undeclared section, a title that gives no usable id, and an existing file.
    public static func newEntry(section: String, title: String, contentPath: String) throws(UsageError) -> String {
        let root = FileSystem.withoutTrailingSlash(contentPath)
        var diagnostics: [Diagnostic] = []
        let taxonomyPath = root + "/taxonomy.yml"
        guard
            let taxonomy = CorpusLoader.readConfig(taxonomyPath, diagnostics: &diagnostics, parse: TaxonomyConfig.read)
        else { throw UsageError(message: "\(taxonomyPath): cannot read the sections; is --content right?") }
        let ids = taxonomy.sections.map { $0.id }
        guard ids.contains(section) else {
            throw UsageError(
                message:
                    "\(taxonomyPath): no section '\(section)'\(Suggestion.hint(for: section, in: ids)) (sections: \(ids.joined(separator: ", ")))"
            )
        }
        let trimmed = title.trimmingSpaces
        let slug = Identifier.suggested(from: trimmed)
        guard !trimmed.isEmpty, Identifier.isValid(slug), slug != "index" else {
            throw UsageError(message: "title '\(title)' gives no usable file name; use letters or digits")
        }
        let folder = root + "/" + section
        switch FileSystem.kind(of: folder) {
        case .missing:
            if mkdir(folder, 0o755) != 0 {
                throw UsageError(message: "\(folder): cannot create folder: \(FileSystem.message())")
            }
        case .directory: break
        case .symbolicLink:
            // The build ignores a linked section folder, so an entry made there would vanish.
            throw UsageError(
                message: "\(folder): section folder is a symbolic link, which the build ignores; make it a real folder")
        default:
            throw UsageError(message: "\(folder): exists and is not a folder")
        }
        let path = folder + "/" + slug + ".md"
        let vocabularyLines = taxonomy.vocabularies.map { "\($0.key): []" }.joined(separator: "\n")
        let text = """
            ---
            title: \(yamlQuoted(trimmed))
            summary: ""
            \(vocabularyLines)
            source: ""
            ---
            \(EditorSlips.placeholder)

            """
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { throw UsageError(message: "\(path): already exists; not overwritten") }
            throw UsageError(message: "\(path): cannot create: \(FileSystem.message())")
        }
        defer { close(fd) }
        let contents = Array(text.utf8)
        guard POSIX.write(fd, contents, contents.count) == contents.count else {
            throw UsageError(message: "\(path): cannot write: \(FileSystem.message())")
        }
        return path
    }

    /// A YAML double-quoted scalar, so any title survives (colons, quotes, leading dashes).
    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
