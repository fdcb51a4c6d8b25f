/// Finds ids that would write to the same output file: sections, vocabularies and handouts
/// share the top level of the site with generated pages (`index`, `search`, `assets`, ...).
enum NameCollisions {
    static func find(config: BookletConfig, taxonomy: TaxonomyConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var owners: [String: String] = [:]  // name -> what claimed it first
        func claim(_ name: String, as what: String, at location: SourceLocation) {
            if Identifier.reservedTopLevelNames.contains(name) {
                diagnostics.append(
                    .error(location, "\(what) '\(name)' collides with a page Booklet generates; choose another id"))
            } else if let owner = owners[name] {
                diagnostics.append(.error(location, "\(what) '\(name)' has the same id as \(owner) '\(name)'"))
            } else {
                owners[name] = what
            }
        }
        for section in taxonomy.sections { claim(section.id, as: "section", at: section.location) }
        for vocabulary in taxonomy.vocabularies {
            // `<key>:<term>` links would be mistaken for (or would hide) real URLs: the same
            // schemes the link classifier knows.
            if LinkDestination.externalSchemes.contains(vocabulary.key)
                || LinkDestination.unsafeSchemes.contains(vocabulary.key)
            {
                diagnostics.append(
                    .error(
                        vocabulary.location,
                        "vocabulary key '\(vocabulary.key)' is a URL scheme; '\(vocabulary.key):' links would be ambiguous"
                    ))
                continue
            }
            if EntrySource.fixedKeys.contains(vocabulary.key) {
                diagnostics.append(
                    .error(vocabulary.location, "vocabulary key '\(vocabulary.key)' is a built-in front-matter key"))
                continue
            }
            claim(vocabulary.key, as: "vocabulary", at: vocabulary.location)
        }
        for handout in config.handouts { claim(handout.id, as: "handout", at: handout.location) }
        return diagnostics
    }
}
