import Yams

/// `content/booklet.yml`: the booklet's title, language, text width, switches and handouts.
public struct BookletConfig: Sendable {
    public var title: String
    public var subtitle: String?
    public var publisher: String?
    /// BCP 47 language tag for `<html lang>`.
    public var language: String
    /// Column at which the plain-text booklet wraps (40...200).
    public var textWidth: Int
    /// When true, raw HTML in Markdown is passed through; otherwise it is shown as text.
    public var unsafeHTML: Bool
    /// When true, the first mention of a term in an entry's prose links to its term page.
    public var linkTermMentions: Bool
    public var handouts: [Handout]
    /// `footer:`: Markdown shown at the foot of every HTML page, and on paper.
    public var footerSource: MarkdownInYAML? = nil
    /// The footer's Markdown.
    public var footer: String? { footerSource?.text }
    /// `accent-color:`: `#rgb` or `#rrggbb`, replacing the accent colour (entry numbers) of
    /// every page in both themes.
    public var accentColor: String? = nil
    /// `logo:`: the file name of the society's logo, an image at the top of the content
    /// folder, with where it is written.
    public var logoSource: Located<String>? = nil
    /// `edition:`: the date of this edition, `YYYY-MM-DD`; the e-book's modification date.
    public var edition: String? = nil
    /// `identifier:`: the e-book's unique identifier (a URN or URL); nil derives a stable
    /// `urn:uuid:` from the title and publisher.
    public var identifier: String? = nil

    /// The keys `booklet.yml` accepts.
    static let knownKeys = [
        "title", "subtitle", "publisher", "language", "text-width", "unsafe-html", "link-term-mentions", "handouts",
        "footer", "accent-color", "logo", "edition", "identifier",
    ]

    /// A configuration with defaults, used when `booklet.yml` is missing or broken so that
    /// loading can go on and report every other problem too.
    static var fallback: BookletConfig {
        BookletConfig(
            title: "Booklet", subtitle: nil, publisher: nil, language: "en", textWidth: 72,
            unsafeHTML: false, linkTermMentions: true, handouts: [])
    }

    /// Reads `booklet.yml`; problems go to `diagnostics`, and a usable value is returned regardless.
    static func read(_ source: SourceText, diagnostics: inout [Diagnostic]) -> BookletConfig {
        var config = fallback
        var reader = YAMLReader(path: source.path)
        defer { diagnostics += reader.diagnostics }
        guard let root = reader.root(of: source.text),
            let pairs = reader.pairs(of: root, what: "booklet.yml")
        else { return config }
        reader.warnUnknownKeys(pairs, known: knownKeys, in: "booklet.yml")
        var sawTitle = false
        for (key, value) in pairs {
            switch key.value {
            case "title":
                sawTitle = true
                if let title = reader.nonEmptyProse(value, key: "title") { config.title = title }
            case "subtitle": config.subtitle = reader.prose(value, key: "subtitle")
            case "publisher": config.publisher = reader.prose(value, key: "publisher")
            case "language":
                if let language = reader.nonEmptyString(value, key: "language") {
                    if isPlausibleLanguageTag(language) {
                        config.language = language
                    } else {
                        reader.error(
                            at: reader.location(of: value),
                            "'language' must be a BCP 47 tag such as en, en-US or de")
                    }
                }
            case "text-width":
                if let width = reader.integer(value, key: "text-width") {
                    if (40...200).contains(width) {
                        config.textWidth = width
                    } else {
                        reader.error(at: reader.location(of: value), "'text-width' must be between 40 and 200")
                    }
                }
            case "unsafe-html":
                if let flag = reader.boolean(value, key: "unsafe-html") { config.unsafeHTML = flag }
            case "link-term-mentions":
                if let flag = reader.boolean(value, key: "link-term-mentions") { config.linkTermMentions = flag }
            case "handouts":
                config.handouts = Handout.readList(value, reader: &reader)
            case "footer": config.footerSource = reader.markdown(value, key: "footer")
            case "accent-color": config.accentColor = readAccentColor(value, reader: &reader)
            case "logo":
                if let logo = reader.nonEmptyString(value, key: "logo") {
                    config.logoSource = Located(logo, at: reader.location(of: value))
                }
            case "edition": config.edition = readEdition(value, reader: &reader)
            case "identifier":
                if let identifier = reader.nonEmptyString(value, key: "identifier") {
                    if identifier.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                        reader.error(
                            at: reader.location(of: value),
                            "'identifier' must not contain spaces; write a URN or address such as urn:isbn:9780000000000")
                    } else {
                        config.identifier = identifier
                    }
                }
            default:
                break
            }
        }
        if !sawTitle {
            reader.error(at: SourceLocation(path: source.path, line: 1, column: 1), "booklet.yml needs a 'title'")
        }
        return config
    }

    /// The colour when it is `#rgb` or `#rrggbb`; anything else is an error, as it goes
    /// into every page's style.
    private static func readAccentColor(_ value: Node, reader: inout YAMLReader) -> String? {
        guard let text = reader.string(value, key: "accent-color") else { return nil }
        let digits = text.dropFirst()
        if text.first == "#", digits.count == 3 || digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) {
            return text
        }
        let message =
            text.isBlank
            ? "'accent-color' is empty; write the colour in quotes, like accent-color: \"#8a4b14\" (without quotes, YAML reads # as the start of a comment)"
            : "'accent-color' must be a colour written #rgb or #rrggbb, like accent-color: \"#8a4b14\""
        reader.error(at: reader.location(of: value), message)
        return nil
    }

    /// The date when it is a real calendar date written `YYYY-MM-DD` (YAML reads it as
    /// text or a timestamp; either way the value as written is checked).
    private static func readEdition(_ value: Node, reader: inout YAMLReader) -> String? {
        guard let text = reader.string(value, key: "edition") else { return nil }
        if let date = EditionDate(text) { return date.text }
        reader.error(
            at: reader.location(of: value),
            "'edition' must be a date written YYYY-MM-DD, like edition: 2026-12-02")
        return nil
    }

    private static func isPlausibleLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        return !parts.isEmpty
            && parts.allSatisfy { part in
                (1...8).contains(part.count)
                    && part.unicodeScalars.allSatisfy {
                        $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0)
                    }
            }
    }
}

/// A short printed booklet for new members: a memo, then chosen entries in order.
public struct Handout: Sendable {
    public var id: String
    public var title: String
    /// Markdown shown before the entries (time and place of the group).
    public var memo: String? { memoSource?.text }
    /// The memo with where it is written.
    public var memoSource: MarkdownInYAML?
    /// Entry ids, each with where it was written.
    public var entries: [Located<String>]
    public var location: SourceLocation

    static func readList(_ node: Node, reader: inout YAMLReader) -> [Handout] {
        reader.itemsWithIDs(
            node, key: "handouts", what: "a handout", kind: "handout", owner: "a handout",
            fields: ["memo", "entries"], id: \Handout.id, title: \.title,
            make: { Handout(id: "", title: "", memoSource: nil, entries: [], location: $0) }
        ) { reader, handout, key, value in
            switch key {
            case "memo": handout.memoSource = reader.markdown(value, key: "memo")
            case "entries": handout.entries = reader.stringList(value, key: "entries") ?? []
            default: break
            }
        } accept: { reader, handout, _ in
            if handout.title.isEmpty {
                reader.error(at: handout.location, "handout '\(handout.id)' needs a 'title'")
            }
            if handout.entries.isEmpty {
                reader.error(at: handout.location, "handout '\(handout.id)' lists no 'entries'")
            }
            return true
        }
    }
}
