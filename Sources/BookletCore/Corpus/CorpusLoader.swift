/// Reads `content/`: the two configuration files, then every entry file in parallel.
///
/// Loading never stops at the first problem: each file is read and checked on its own, and
/// every diagnostic is collected, so one run shows the editor everything to fix.
public enum CorpusLoader {
    /// Loads the corpus at `contentPath`. Throws only when the folder itself cannot be read
    /// (a usage or I/O error); content problems are returned as diagnostics. With
    /// `includeDrafts`, drafts are entries too (for the live preview), still listed in `drafts`.
    /// `cache`, when given, keeps each entry file's reading between runs (the live preview):
    /// a file whose bytes have not changed is not parsed again.
    public static func load(
        contentPath: String, includeDrafts: Bool = false, cache: EntryCache? = nil
    ) async throws(FileError) -> (Corpus, [Diagnostic]) {
        let root = FileSystem.withoutTrailingSlash(contentPath)
        // The folder named on the command line may be a symbolic link (the user's choice);
        // `root/.` follows it, while links inside the folder are still ignored.
        guard FileSystem.kind(of: root + "/.") == .directory else {
            throw FileError(path: root, errno: FileSystem.kind(of: root) == .missing ? 2 : 20)
        }
        var diagnostics: [Diagnostic] = []
        let config =
            readConfig(root + "/booklet.yml", diagnostics: &diagnostics) {
                BookletConfig.read($0, diagnostics: &$1)
            } ?? .fallback
        let taxonomy =
            readConfig(root + "/taxonomy.yml", diagnostics: &diagnostics) {
                TaxonomyConfig.read($0, diagnostics: &$1)
            } ?? TaxonomyConfig(sections: [], vocabularies: [])
        diagnostics += NameCollisions.find(config: config, taxonomy: taxonomy)
        let taxonomyPath = root + "/taxonomy.yml"
        if taxonomy.sections.isEmpty,
            diagnostics.contains(where: { $0.severity == .error && $0.location.path == taxonomyPath })
        {
            var corpus = Corpus(config: config, taxonomy: taxonomy, entries: [])
            corpus.sectionsUnreadable = true
            return (corpus, diagnostics)
        }

        var others: [OtherFile] = []
        let files = try listEntryFiles(
            root: root, sections: taxonomy.sections, others: &others, diagnostics: &diagnostics)
        let contentFiles = await others.concurrentMap {
            ContentFile.inspect(folder: $0.folder, name: $0.name, filePath: $0.path, kind: $0.kind)
        }
        let vocabularyKeys = taxonomy.vocabularies.map(\.key)
        let results = await files.concurrentMap { file -> (EntrySource?, [Diagnostic]) in
            var local: [Diagnostic] = []
            let bytes: [UInt8]
            do throws(FileError) {
                bytes = try FileSystem.read(file.path)
            } catch {
                return (nil, [.error(SourceLocation(path: file.path), "cannot read file: \(error.reason)")])
            }
            if let cached = cache?.lookup(file.path, bytes: bytes, vocabularyKeys: vocabularyKeys) { return cached }
            switch SourceText.decode(bytes, path: file.path) {
            case .failure(let diagnostic): return (nil, [diagnostic])
            case .success(let text):
                let entry = EntrySource.read(
                    text, id: file.sectionID + "/" + file.slug, sectionID: file.sectionID, slug: file.slug,
                    vocabularyKeys: vocabularyKeys, diagnostics: &local)
                cache?.store(file.path, bytes: bytes, vocabularyKeys: vocabularyKeys, result: (entry, local))
                return (entry, local)
            }
        }
        cache?.keepOnly(Set(files.map(\.path)))
        var entries: [EntrySource] = []
        var drafts: Set<String> = []
        var draftBodies: [(section: String, body: String)] = []
        for (entry, local) in results {
            diagnostics += local
            guard let entry else { continue }
            if entry.isDraft {
                drafts.insert(entry.id)
                draftBodies.append((entry.sectionID, entry.body))
            }
            if !entry.isDraft || includeDrafts { entries.append(entry) }
        }
        var corpus = Corpus(
            config: config, taxonomy: taxonomy,
            entries: Corpus.readingOrder(entries, sections: taxonomy.sections), drafts: drafts)
        corpus.files = contentFiles.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        corpus.filesNamedByDrafts = ContentFile.named(by: draftBodies, in: corpus.files)
        diagnostics += EditorSlips.sameOrder(corpus.entries)
        return (corpus, diagnostics)
    }

    static func readConfig<T>(
        _ path: String, diagnostics: inout [Diagnostic], parse: (SourceText, inout [Diagnostic]) -> T
    ) -> T? {
        switch FileSystem.kind(of: path) {
        case .file: break
        case .missing:
            diagnostics.append(.error(SourceLocation(path: path), "file not found; every corpus needs it"))
            return nil
        default:
            diagnostics.append(.error(SourceLocation(path: path), "must be a regular file"))
            return nil
        }
        do throws(FileError) {
            switch SourceText.decode(try FileSystem.read(path), path: path) {
            case .success(let text): return parse(text, &diagnostics)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
        } catch {
            diagnostics.append(.error(SourceLocation(path: path), "cannot read file: \(error.reason)"))
            return nil
        }
    }

    /// A file that is not an entry or configuration: an image or attachment to inspect.
    struct OtherFile: Sendable {
        var path: String
        var folder: String
        var name: String
        var kind: FileSystem.Kind
    }

    struct EntryFile: Sendable {
        var path: String
        var sectionID: String
        var slug: String
    }

    /// Finds `<section>/<slug>.md` files, reporting files and folders that cannot be entries.
    private static func listEntryFiles(
        root: String, sections: [Section], others: inout [OtherFile], diagnostics: inout [Diagnostic]
    ) throws(FileError) -> [EntryFile] {
        let sectionIDs = Set(sections.map(\.id))
        var files: [EntryFile] = []
        for name in try FileSystem.list(root) where !name.hasPrefix(".") {
            let path = root + "/" + name
            switch FileSystem.kind(of: path) {
            case .symbolicLink:
                diagnostics.append(
                    .warning(
                        SourceLocation(path: path),
                        "symbolic link ignored; Booklet reads only real files and folders inside the content folder"))
                // Kept, so a logo or image naming it says why it cannot be used.
                others.append(OtherFile(path: path, folder: "", name: name, kind: .symbolicLink))
            case .directory:
                guard sectionIDs.contains(name) else {
                    let hasEntries = (try? FileSystem.list(path))?.contains { $0.hasSuffix(".md") } ?? false
                    let message =
                        "folder '\(name)' is not a section declared in taxonomy.yml\(Suggestion.hint(for: name, in: sectionIDs.sorted()))"
                    diagnostics.append(
                        hasEntries
                            ? .error(SourceLocation(path: path), message)
                            : .warning(SourceLocation(path: path), message + "; ignored"))
                    continue
                }
                files += try listSection(path: path, sectionID: name, others: &others, diagnostics: &diagnostics)
            case .file:
                if name == "booklet.yml" || name == "taxonomy.yml" { continue }
                if name.hasSuffix(".md") {
                    diagnostics.append(
                        .error(
                            SourceLocation(path: path),
                            "entries belong in a section folder, like content/<section>/\(name)"))
                } else {
                    // The logo, or an image of a summary or definition; unused ones are reported.
                    others.append(OtherFile(path: path, folder: "", name: name, kind: .file))
                }
            default:
                diagnostics.append(.warning(SourceLocation(path: path), "not a regular file or folder; ignored"))
            }
        }
        return files
    }

    private static func listSection(
        path: String, sectionID: String, others: inout [OtherFile], diagnostics: inout [Diagnostic]
    ) throws(FileError) -> [EntryFile] {
        var files: [EntryFile] = []
        for name in try FileSystem.list(path) where !name.hasPrefix(".") {
            let filePath = path + "/" + name
            let kind = FileSystem.kind(of: filePath)
            guard kind == .file else {
                if kind != .directory {
                    others.append(OtherFile(path: filePath, folder: sectionID, name: name, kind: kind))
                }
                let what =
                    kind == .symbolicLink
                    ? "symbolic link ignored; Booklet reads only real files inside the content folder"
                    : kind == .directory
                        ? "folders inside a section are not read; move its entries up into '\(sectionID)'"
                        : "not a regular file; ignored"
                diagnostics.append(.warning(SourceLocation(path: filePath), what))
                continue
            }
            guard name.hasSuffix(".md") else {
                // An image or attachment of the section's entries; unused ones are reported.
                others.append(OtherFile(path: filePath, folder: sectionID, name: name, kind: .file))
                continue
            }
            let slug = String(name.dropLast(3))
            guard Identifier.isValid(slug) else {
                diagnostics.append(
                    .error(
                        SourceLocation(path: filePath),
                        "file name '\(slug)' is not a valid entry id; \(Identifier.ruleDescription) (try '\(Identifier.suggested(from: slug)).md')"
                    ))
                continue
            }
            guard slug != "index" else {
                diagnostics.append(
                    .error(
                        SourceLocation(path: filePath),
                        "an entry cannot be named 'index'; that name is the section page"))
                continue
            }
            files.append(EntryFile(path: filePath, sectionID: sectionID, slug: slug))
        }
        return files
    }
}
