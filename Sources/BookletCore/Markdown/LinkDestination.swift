/// What a Markdown link destination asks for, decided from its text alone.
///
/// Resolution against the corpus (does the entry exist? the heading? the term?) happens in
/// the taxonomy stage; this only classifies, so every stage classifies the same way.
public enum LinkDestination: Sendable, Hashable {
    /// `https://…`, `mailto:…` and other URL schemes a reader can follow.
    case external(String)
    /// `javascript:`, `vbscript:`, `file:`, `data:`: never published.
    case unsafe(scheme: String)
    /// `<vocabulary>:<term>`.
    case term(vocabulary: String, term: String)
    /// `something:` where `something` is neither a vocabulary nor a known URL scheme.
    case unknownScheme(String)
    /// A relative path to a `.md` file with an optional heading fragment, still unresolved.
    case entryPath(String, fragment: String?)
    /// `#heading` within the same entry.
    case fragment(String)
    /// `/x` or `C:\x`: absolute paths do not work offline.
    case absolutePath(String)
    /// A relative link to something that is not an entry.
    case otherRelative(String)
    /// `[text]()`.
    case empty

    /// URL schemes passed through as external links.
    static let externalSchemes: Set<String> = [
        "http", "https", "mailto", "tel", "ftp", "ftps", "sms", "irc", "news", "geo",
    ]
    /// URL schemes that can run code or read local files.
    static let unsafeSchemes: Set<String> = ["javascript", "vbscript", "file", "data"]

    /// Classifies `destination` given the declared vocabulary keys.
    public static func classify(_ destination: String, vocabularies: Set<String>) -> LinkDestination {
        if destination.isEmpty { return .empty }
        if let colon = destination.firstIndex(of: ":") {
            let scheme = String(destination[..<colon])
            if isSchemeName(scheme) {
                let lowered = scheme.lowercased()
                if vocabularies.contains(scheme) {
                    return .term(vocabulary: scheme, term: String(destination[destination.index(after: colon)...]))
                }
                if externalSchemes.contains(lowered) { return .external(destination) }
                if unsafeSchemes.contains(lowered) { return .unsafe(scheme: lowered) }
                if scheme.count > 1 { return .unknownScheme(scheme) }
                return .absolutePath(destination)  // `C:\…`
            }
        }
        if destination.hasPrefix("#") { return .fragment(String(destination.dropFirst())) }
        if destination.hasPrefix("/") || destination.hasPrefix("\\") || destination.hasPrefix("~") {
            return .absolutePath(destination)
        }
        var path = destination
        var fragment: String?
        if let hash = destination.firstIndex(of: "#") {
            path = String(destination[..<hash])
            fragment = String(destination[destination.index(after: hash)...])
        }
        if path.hasSuffix(".md") { return .entryPath(path, fragment: fragment) }
        return .otherRelative(destination)
    }

    private static func isSchemeName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII
                && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "+" || $0 == "." || $0 == "-")
        }
    }
}
