/// Images and attached files: resolving `![alt](figure.png)` and `[Consent form](form.pdf)`
/// against the content folder's files, by the rule that a file sits beside the file that
/// uses it (see `ContentFile`), and what the linker does with them afterwards (the logo,
/// attachments, unused files).
///
/// `FileIndex` finds the content folder's files by path and lists each folder's names for
/// "did you mean" suggestions.
struct FileIndex: Sendable {
    let files: [ContentFile]
    /// Path inside the content folder -> index in `files`.
    let byPath: [String: Int]
    /// Folder -> names of the files in it.
    let namesByFolder: [String: [String]]

    init(_ files: [ContentFile]) {
        self.files = files
        byPath = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        namesByFolder = Dictionary(grouping: files, by: \.folder).mapValues { $0.map(\.name) }
    }
}

/// Where a written file path leads.
enum FilePath: Equatable {
    /// A file name in `folder` (the folder of the file that uses it).
    case beside(name: String)
    /// Another folder of the content folder: against the rule.
    case elsewhere(path: String)
    /// Out of the content folder.
    case outside
}

extension LinkResolver {
    /// The rule, as messages state it.
    static func besideRule(folder: String) -> String {
        folder.isEmpty
            ? "files used by booklet.yml or taxonomy.yml sit beside them, at the top of the content folder"
            : "an entry's images and files sit beside it, in its section folder content/\(folder)/"
    }

    /// Where `written` (a destination without `#fragment`, percent-encoding decoded) leads
    /// from `folder` ("" for the top of the content folder).
    static func filePath(_ written: String, from folder: String) -> FilePath {
        var components = folder.isEmpty ? [] : [folder]
        let depth = components.count
        for part in written.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "/" || $0 == "\\" }) {
            switch part {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return .outside }
                components.removeLast()
            default: components.append(String(part))
            }
        }
        guard let name = components.last else { return .outside }
        if components.count == depth + 1, Array(components.dropLast()) == (folder.isEmpty ? [] : [folder]) {
            return .beside(name: name)
        }
        return .elsewhere(path: components.joined(separator: "/"))
    }

    /// `![alt](destination)`: an image file beside the entry (or, for `folder` "", at the
    /// top of the content folder), with alt text; everything else is an error. Large
    /// images add a warning to `warnings`.
    func resolveImage(_ link: LinkOccurrence, folder: String, warnings: inout [Diagnostic]) -> Result<
        ResolvedLink, Diagnostic
    > {
        let destination = link.destination
        func fail(_ message: String) -> Result<ResolvedLink, Diagnostic> { .failure(.error(link.location, message)) }
        switch LinkDestination.classify(destination, vocabularies: []) {
        case .external:
            return fail(
                "image '\(destination)' is on the network; the booklet must work offline, so images cannot load from other sites: save the image beside the entry and write its file name"
            )
        case .unsafe(let scheme):
            return fail("'\(scheme):' images are not allowed; save the image as a file beside the entry and write its name")
        case .empty:
            return fail("image has no file; write ![what it shows](file-name.png)")
        case .absolutePath(let path):
            return fail(
                "absolute image path '\(path)' will not work offline; \(Self.besideRule(folder: folder)): write its file name")
        case .unknownScheme, .term, .fragment, .entryPath:
            return fail(
                "image '\(destination)' is not an image file; images are PNG, JPEG, GIF, WebP or SVG files beside the entry")
        case .otherRelative(let written):
            let index: Int
            switch resolveFile(written, folder: folder) {
            case .success(let found): index = found
            case .failure(let problem): return fail(problem.message)
            }
            let file = files.files[index]
            guard file.isImage else {
                return fail(
                    "'\(file.name)' is not an image; images are PNG, JPEG, GIF, WebP or SVG files. To attach it, link to it: [\(link.altText.isBlank ? "what it is" : link.altText)](\(written))"
                )
            }
            if let refusal = file.refusal {
                return fail("image '\(file.name)' cannot be shown: \(refusal)")
            }
            if link.altText.isBlank {
                return fail(
                    "image '\(file.name)' has no alt text; readers using screen readers need it: say what the picture shows between the brackets, ![like this](\(written))"
                )
            }
            if file.size > ContentFile.largeImageSize {
                warnings.append(
                    .warning(
                        link.location,
                        "image '\(file.name)' is \(ContentFile.sizeText(file.size)); images over 1 MB load slowly on a phone: save it smaller (at most about 2,000 pixels wide)"
                    ))
            }
            return .success(.file(index))
        }
    }

    /// `[text](file)` for a destination that is not an entry: a file beside the entry, or
    /// nil when none is meant (no such file and no file extension), for the caller's own
    /// message.
    func resolveAttachment(_ written: String, folder: String, location: SourceLocation) -> Result<
        ResolvedLink, Diagnostic
    >? {
        switch resolveFile(written, folder: folder) {
        case .success(let index):
            let file = files.files[index]
            if let refusal = file.refusal {
                return .failure(.error(location, "file '\(file.name)' cannot be attached: \(refusal)"))
            }
            return .success(.file(index))
        case .failure(let problem):
            // A link without an extension ('../ground-rules/forum') most likely meant an entry.
            let decoded = Self.withoutFragment(written).removingPercentEncodingIfPossible
            let name = decoded.split(separator: "/").last.map(String.init) ?? decoded
            if !name.contains(".") { return nil }
            return .failure(.error(location, problem.message))
        }
    }

    /// `written` without a `#fragment` (`form.pdf#page=2` names `form.pdf`).
    static func withoutFragment(_ written: String) -> String {
        written.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? written
    }

    /// The file `written` names from `folder` if there is one there, whether or not it can
    /// be published: it counts as used, so a refused file is not also called unused.
    func namedFile(_ written: String, folder: String) -> Int? {
        for candidate in [written, Self.withoutFragment(written)] {
            if case .beside(let name) = Self.filePath(candidate.removingPercentEncodingIfPossible, from: folder),
                let index = files.byPath[folder.isEmpty ? name : folder + "/" + name]
            {
                return index
            }
        }
        return nil
    }

    /// The file `written` names from `folder`, or the message saying why there is none.
    /// A `#` starts a fragment unless a file's name holds it.
    private func resolveFile(_ written: String, folder: String) -> Result<Int, FileLinkProblem> {
        if case .beside(let name) = Self.filePath(written.removingPercentEncodingIfPossible, from: folder),
            let index = files.byPath[folder.isEmpty ? name : folder + "/" + name]
        {
            return .success(index)
        }
        switch Self.filePath(Self.withoutFragment(written).removingPercentEncodingIfPossible, from: folder) {
        case .outside:
            return .failure(FileLinkProblem("'\(written)' leaves the content folder; \(Self.besideRule(folder: folder))"))
        case .elsewhere(let path):
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return .failure(
                FileLinkProblem(
                    "'\(written)' is not beside this file; \(Self.besideRule(folder: folder)): move or copy '\(path)' there and write '\(name)'"
                ))
        case .beside(let name):
            let path = folder.isEmpty ? name : folder + "/" + name
            if let index = files.byPath[path] { return .success(index) }
            let here = files.namesByFolder[folder] ?? []
            if let nearest = Suggestion.nearest(to: name, in: here) {
                return .failure(FileLinkProblem("no file '\(name)' in content/\(path.dropLast(name.count)); did you mean '\(nearest)'?"))
            }
            let elsewhere = files.files.first { $0.name == name }
            let hint =
                elsewhere.map { "; '\($0.path)' is in another folder, and \(Self.besideRule(folder: folder))" } ?? ""
            return .failure(FileLinkProblem("no file '\(name)' in content/\(path.dropLast(name.count))\(hint)"))
        }
    }
}

/// A file link that does not resolve, in words.
struct FileLinkProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// What the linker does with files once every link is resolved.
enum FileLinks {
    /// Resolves `logo:`, lists each entry's attachments, records which files are used, and
    /// warns about files nothing uses.
    static func finish(
        _ booklet: inout LinkedBooklet, resolver: LinkResolver, namedByDrafts: Set<String> = [],
        diagnostics: inout [Diagnostic]
    ) {
        var used = Set<Int>()
        if let logo = booklet.config.logoSource {
            let occurrence = LinkOccurrence(
                destination: logo.value, location: logo.location, isImage: true,
                altText: booklet.config.title)
            switch resolver.resolveImage(occurrence, folder: "", warnings: &diagnostics) {
            case .success(.file(let index)):
                booklet.logo = index
                used.insert(index)
            case .success: break
            case .failure(let diagnostic):
                diagnostics.append(
                    .error(diagnostic.location, "logo: " + diagnostic.message.replacingOccurrences("beside the entry", "at the top of the content folder")))
            }
        }
        var referenced = Set<Int>()
        for index in booklet.entries.indices {
            var attachments: [Int] = []
            let folder = booklet.entries[index].source.sectionID
            let entry = booklet.entries[index]
            for (link, resolved) in zip(entry.document.links, entry.links) {
                if let file = resolver.namedFile(link.destination, folder: folder) { referenced.insert(file) }
                guard case .file(let file)? = resolved else { continue }
                used.insert(file)
                if !link.isImage, !attachments.contains(file) { attachments.append(file) }
            }
            booklet.entries[index].attachments = attachments
        }
        for snippet in booklet.snippets.values {
            for case .file(let file)? in snippet.links { used.insert(file) }
        }
        booklet.usedFiles = used.sorted()
        if let logo = booklet.config.logoSource, let file = resolver.namedFile(logo.value, folder: "") {
            referenced.insert(file)
        }
        for (index, file) in booklet.files.enumerated()
        where !used.contains(index) && !referenced.contains(index) && file.isListedAsFile
            && !namedByDrafts.contains(file.path)
        {
            let what = file.isImage ? "image" : "file"
            let advice =
                file.folder.isEmpty
                    ? "name it as logo: in booklet.yml, or remove it; only booklet.yml, taxonomy.yml, the logo and section folders belong at the top of the content folder"
                    : "show it with ![what it shows](\(file.name)) or attach it with [its title](\(file.name)) in an entry of '\(file.folder)', or remove it"
            diagnostics.append(
                .warning(SourceLocation(path: file.filePath), "\(what) '\(file.name)' is not used by any entry; \(advice)"))
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
