import Yams

/// One part of the booklet, a folder under `content/`.
public struct Section: Sendable {
    public var id: String
    public var title: String
    /// Optional Markdown shown on the section page and the contents.
    public var summary: String? { summarySource?.text }
    /// The summary with where it is written.
    public var summarySource: MarkdownInYAML?
    /// For comparison sections: the column headings every entry must have (`## A`, `## B`).
    public var compare: [String]
    public var location: SourceLocation

    /// True when the section page shows its entries as a comparison table.
    public var isComparison: Bool { !compare.isEmpty }
}

/// One term of a controlled vocabulary.
public struct Term: Sendable {
    public var id: String
    /// Display title, as written but with smart punctuation (curly quotes, dashes).
    public var title: String
    /// Optional Markdown definition.
    public var definition: String? { definitionSource?.text }
    /// The definition with where it is written.
    public var definitionSource: MarkdownInYAML?
    /// Other phrases that mean this term (for mention links and search).
    public var aliases: [String]
    /// Related terms of the same vocabulary.
    public var see: [Located<String>]
    public var location: SourceLocation
}

/// A controlled vocabulary: its key is the front-matter field that tags entries with its terms.
public struct Vocabulary: Sendable {
    public var key: String
    public var title: String
    public var terms: [Term]
    public var location: SourceLocation
}

/// `content/taxonomy.yml`: the sections in reading order and the vocabularies.
public struct TaxonomyConfig: Sendable {
    public var sections: [Section]
    public var vocabularies: [Vocabulary]

    /// Reads `taxonomy.yml`; problems go to `diagnostics`. Invalid items are dropped after
    /// being reported, so later stages only see well-formed sections and terms.
    static func read(_ source: SourceText, diagnostics: inout [Diagnostic]) -> TaxonomyConfig {
        var config = TaxonomyConfig(sections: [], vocabularies: [])
        var reader = YAMLReader(path: source.path)
        defer { diagnostics += reader.diagnostics }
        guard let root = reader.root(of: source.text),
            let pairs = reader.pairs(of: root, what: "taxonomy.yml")
        else { return config }
        reader.warnUnknownKeys(pairs, known: ["sections", "vocabularies"], in: "taxonomy.yml")
        for (key, value) in pairs {
            switch key.value {
            case "sections": config.sections = readSections(value, reader: &reader)
            case "vocabularies": config.vocabularies = readVocabularies(value, reader: &reader)
            default: break
            }
        }
        if !pairs.contains(where: { $0.key.value == "sections" }) {
            reader.error(
                at: SourceLocation(path: source.path, line: 1, column: 1),
                "taxonomy.yml needs a 'sections' list")
        }
        return config
    }

    private static func readSections(_ node: Node, reader: inout YAMLReader) -> [Section] {
        var seen: Set<String> = []
        return reader.itemsWithIDs(
            node, key: "sections", what: "a section", kind: "section", owner: "a section",
            fields: ["summary", "compare"], id: \Section.id, title: \.title,
            make: { Section(id: "", title: "", summarySource: nil, compare: [], location: $0) }
        ) { reader, section, key, value in
            switch key {
            case "summary": section.summarySource = reader.markdown(value, key: "summary")
            case "compare":
                let columns = reader.stringList(value, key: "compare") ?? []
                if columns.count < 2 {
                    reader.error(at: reader.location(of: value), "'compare' needs at least two column headings")
                } else if Set(columns.map(\.value)).count != columns.count {
                    reader.error(at: reader.location(of: value), "'compare' names the same column twice")
                } else {
                    section.compare = columns.map(\.value)
                }
            default: break
            }
        } accept: { reader, section, idLocation in
            guard seen.insert(section.id).inserted else {
                reader.error(at: idLocation, "section '\(section.id)' is declared twice")
                return false
            }
            if section.title.isEmpty {
                reader.error(at: section.location, "section '\(section.id)' needs a 'title'")
                section.title = section.id
            }
            return true
        }
    }

    private static func readVocabularies(_ node: Node, reader: inout YAMLReader) -> [Vocabulary] {
        guard let pairs = reader.pairs(of: node, what: "vocabularies") else { return [] }
        var result: [Vocabulary] = []
        for (key, value) in pairs {
            guard Identifier.isValid(key.value) else {
                reader.error(
                    at: key.location, "vocabulary key '\(key.value)' is not valid; \(Identifier.ruleDescription)")
                continue
            }
            guard let fields = reader.pairs(of: value, what: "vocabulary '\(key.value)'") else { continue }
            reader.warnUnknownKeys(fields, known: ["title", "terms"], in: "vocabulary '\(key.value)'")
            var vocabulary = Vocabulary(key: key.value, title: key.value, terms: [], location: key.location)
            for (field, fieldValue) in fields {
                switch field.value {
                case "title": vocabulary.title = reader.nonEmptyProse(fieldValue, key: "title") ?? key.value
                case "terms": vocabulary.terms = readTerms(fieldValue, vocabulary: key.value, reader: &reader)
                default: break
                }
            }
            result.append(vocabulary)
        }
        return result
    }

    private static func readTerms(_ node: Node, vocabulary: String, reader: inout YAMLReader) -> [Term] {
        var seen: [String: SourceLocation] = [:]
        return reader.itemsWithIDs(
            node, key: "terms", what: "a term", kind: "term", owner: "a term of '\(vocabulary)'",
            fields: ["definition", "aliases", "see"], id: \Term.id, title: \.title,
            make: { Term(id: "", title: "", definitionSource: nil, aliases: [], see: [], location: $0) }
        ) { reader, term, key, value in
            switch key {
            case "definition": term.definitionSource = reader.markdown(value, key: "definition")
            case "aliases": term.aliases = (reader.stringList(value, key: "aliases") ?? []).map(\.value)
            case "see": term.see = reader.stringList(value, key: "see") ?? []
            default: break
            }
        } accept: { reader, term, idLocation in
            if term.id == "index" {
                reader.error(at: idLocation, "term id 'index' would overwrite the vocabulary's index page")
                return false
            }
            if let first = seen[term.id] {
                reader.error(
                    at: idLocation,
                    "term '\(term.id)' is declared twice in '\(vocabulary)' (first at line \(first.line))")
                return false
            }
            seen[term.id] = idLocation
            if term.title.isEmpty {
                reader.error(at: term.location, "term '\(term.id)' needs a 'title'")
                term.title = term.id
            }
            return true
        }
    }
}
