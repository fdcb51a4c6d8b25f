/// Rules for the ids that name sections, entries, vocabularies, terms and handouts.
///
/// Ids become file and folder names in the output, so they are restricted to lowercase
/// ASCII words joined by single hyphens: `[a-z0-9]+(-[a-z0-9]+)*`, at most `maximumLength`
/// characters.
public enum Identifier {
    /// The longest id: its page's file name (`<id>.html`) stays well within the 255 bytes
    /// file systems allow, so a long id is an error in `check` at the place it is written,
    /// not a failed write of a page in `build`.
    public static let maximumLength = 200

    /// True when `id` matches `[a-z0-9]+(-[a-z0-9]+)*` and is at most `maximumLength` long.
    public static func isValid(_ id: String) -> Bool {
        guard id.utf8.count <= maximumLength else { return false }
        var previousWasHyphen = true  // forbids a leading hyphen
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen { return false }
                previousWasHyphen = true
            default:
                return false
            }
        }
        return !id.isEmpty && !previousWasHyphen
    }

    /// Names the generator itself writes at the top of the output, as its outputs declare
    /// them; a section, vocabulary or handout with one of these ids would overwrite
    /// generated files.
    public static var reservedTopLevelNames: Set<String> { Outputs.reservedNames }

    /// The message explaining the id rule, for diagnostics.
    public static let ruleDescription =
        "ids use lowercase letters a-z, digits and single hyphens between words, at most 200 characters"

    /// A valid id suggested for an arbitrary title ("Ground Rules!" -> "ground-rules").
    public static func suggested(from title: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in title.unicodeScalars.lazy.map(Words.fold) {
            if scalar.isASCII, Words.isWordScalar(scalar) {
                if pendingHyphen, !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else if scalar != "'" {  // apostrophes, curly ones folded to it, join: "leaders-role"
                pendingHyphen = true
            }
            if result.utf8.count > maximumLength { break }
        }
        if result.utf8.count > maximumLength {
            result = String(result.prefix(maximumLength))  // ASCII: characters are bytes
            while result.hasSuffix("-") { result.removeLast() }
        }
        return result
    }
}
