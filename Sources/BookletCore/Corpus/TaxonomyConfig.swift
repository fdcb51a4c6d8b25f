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
        guard let items = reader.list(node, key: "sections") else { return [] }
        var result: [Section] = []
        var seen: Set<String> = []
        for item in items {
            guard let pairs = reader.pairs(of: item, what: "a section") else { continue }
            reader.warnUnknownKeys(pairs, known: ["id", "title", "summary", "compare"], in: "a section")
            var section = Section(
                id: "", title: "", summarySource: nil, compare: [], location: reader.location(of: item))
            var idLocation = section.location
            for (key, value) in pairs {
                switch key.value {
                case "id":
                    section.id = reader.nonEmptyString(value, key: "id") ?? ""
                    idLocation = reader.location(of: value)
                case "title": section.title = reader.nonEmptyProse(value, key: "title") ?? ""
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
            }
            guard
                reader.checkID(
                    section.id, kind: "section", owner: "a section", item: section.location, value: idLocation)
            else { continue }
            guard seen.insert(section.id).inserted else {
                reader.error(at: idLocation, "section '\(section.id)' is declared twice")
                continue
            }
            if section.title.isEmpty {
                reader.error(at: section.location, "section '\(section.id)' needs a 'title'")
                section.title = section.id
            }
            result.append(section)
        }
        return result
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
        guard let items = reader.list(node, key: "terms") else { return [] }
        var result: [Term] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let pairs = reader.pairs(of: item, what: "a term") else { continue }
            reader.warnUnknownKeys(pairs, known: ["id", "title", "definition", "aliases", "see"], in: "a term")
            var term = Term(
                id: "", title: "", definitionSource: nil, aliases: [], see: [], location: reader.location(of: item))
            var idLocation = term.location
            for (key, value) in pairs {
                switch key.value {
                case "id":
                    term.id = reader.nonEmptyString(value, key: "id") ?? ""
                    idLocation = reader.location(of: value)
                case "title": term.title = reader.nonEmptyProse(value, key: "title") ?? ""
                case "definition": term.definitionSource = reader.markdown(value, key: "definition")
                case "aliases": term.aliases = (reader.stringList(value, key: "aliases") ?? []).map(\.value)
                case "see": term.see = reader.stringList(value, key: "see") ?? []
                default: break
                }
            }
            guard
                reader.checkID(
                    term.id, kind: "term", owner: "a term of '\(vocabulary)'", item: term.location, value: idLocation)
            else { continue }
            if term.id == "index" {
                reader.error(at: idLocation, "term id 'index' would overwrite the vocabulary's index page")
                continue
            }
            if let first = seen[term.id] {
                reader.error(
                    at: idLocation,
                    "term '\(term.id)' is declared twice in '\(vocabulary)' (first at line \(first.line))")
                continue
            }
            seen[term.id] = idLocation
            if term.title.isEmpty {
                reader.error(at: term.location, "term '\(term.id)' needs a 'title'")
                term.title = term.id
            }
            result.append(term)
        }
        return result
    }
}
