/// Makes stable, unique ids for headings from their text, as GitHub and Zola do:
/// lowercase letters and digits are kept (any script), spaces, hyphens and underscores
/// become `-`, other punctuation is dropped, and repeats get `-2`, `-3`, ...
struct HeadingSlugger {
    private var used: Set<String> = []
    /// Per slug, the suffix to try next: every smaller one is taken, so 40,000 headings
    /// with one text cost linear time instead of counting up from `-2` each time.
    private var nextSuffix: [String: Int] = [:]

    /// Creates a slugger; `reserved` ids are treated as already taken.
    init(reserved: Set<String> = []) {
        used = reserved
    }

    /// The slug of `text`, without de-duplication. Never empty, never contains `--`.
    static func slug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.unicodeScalars.lazy.map(Words.fold) {
            // Letters inside a word as term mentions count them (vowel signs included).
            if Words.isWordScalar(scalar, joiningMarks: true) {
                if pendingHyphen, !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else if scalar.properties.isWhitespace || scalar == "-" || scalar == "_" {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? "section" : result
    }

    /// A unique id for a heading with `text`.
    mutating func id(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        var counter = nextSuffix[base] ?? 2
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        nextSuffix[base] = counter
        used.insert(candidate)
        return candidate
    }
}
