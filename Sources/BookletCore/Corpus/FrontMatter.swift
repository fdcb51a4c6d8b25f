/// An entry file split into its YAML front matter and its Markdown body.
///
/// The front matter sits between a first line `---` and the next line that is `---`
/// (or `...`). Line numbers are kept so diagnostics point into the file.
public struct FrontMatter: Sendable {
    /// The YAML between the fences (without them).
    public let yaml: String
    /// The line of the file where `yaml` starts: the opening fence is always the first line.
    public static let yamlFirstLine = 2
    /// The Markdown after the closing fence.
    public let body: String
    /// Number of file lines before `body` starts (fences and YAML).
    public let bodyLineOffset: Int

    /// Splits `source`, or returns the diagnostic that explains what is missing.
    public static func split(_ source: SourceText) -> Result<FrontMatter, Diagnostic> {
        let text = source.text
        let start = SourceLocation(path: source.path, line: 1, column: 1)
        guard text.hasPrefix("---\n") || text == "---" else {
            if text.isEmpty {
                return .failure(.error(start, "file is empty; an entry needs front matter with a title"))
            }
            return .failure(
                .error(start, "missing front matter; an entry starts with a line '---', then 'title: ...', then '---'"))
        }
        var lineNumber = 1
        var yamlLines: [Substring] = []
        var rest = text.dropFirst(4)[...]
        while !rest.isEmpty {
            lineNumber += 1
            let lineEnd = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[rest.startIndex..<lineEnd]
            let afterLine = lineEnd == rest.endIndex ? rest.endIndex : rest.index(after: lineEnd)
            if isClosingFence(line) {
                return .success(
                    FrontMatter(
                        yaml: yamlLines.joined(separator: "\n"),
                        body: String(rest[afterLine...]),
                        bodyLineOffset: lineNumber))
            }
            yamlLines.append(line)
            rest = rest[afterLine...]
        }
        return .failure(
            .error(start, "front matter is not closed; add a line '---' after the last front-matter field"))
    }

    private static func isClosingFence(_ line: Substring) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        return trimmed == "---" || trimmed == "..."
    }
}
