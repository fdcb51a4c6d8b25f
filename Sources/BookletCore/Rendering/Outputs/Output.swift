/// One way the booklet is published: some files of the site, rendered from the linked
/// booklet through the templates. Rendering the site is running the list `Outputs.all`.
///
/// Adding a format is one new type conforming to this, and one line in that list: the
/// templates a build requires and the names no id may take follow from the list.
protocol Output: Sendable {
    /// The output's name, for `--timings` (`entry pages`, `print.html`).
    var name: String { get }
    /// The templates it renders (`html/entry`); every build needs each of them.
    var templates: [String] { get }
    /// The names it writes at the top of the site (`print` for `print.html`), which no
    /// section, vocabulary or handout id may take.
    var reservedNames: [String] { get }
    /// The files a live preview renders only when they are asked for: the whole-book
    /// files, which cost the most and are rarely open while an entry is edited. Empty for
    /// the outputs a preview renders on every rebuild.
    var onRequest: [String] { get }
    /// Renders its files, handing them to `emit` in order; returns what its templates lacked.
    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
}

extension Output {
    var onRequest: [String] { [] }
}

/// Every output of a build, in the order they are written.
enum Outputs {
    static let all: [any Output] = [
        CoverOutput(),
        SectionPages(),
        VocabularyPages(),
        SearchOutput(),
        EntryPages(),
        PrintPage(),
        TextBooklet(),
        Handouts(),
        EBook(),
        RedirectPages(),
        Assets(),
        PublishedFiles(),
    ]

    /// The templates every build needs.
    static var requiredTemplates: [String] { all.flatMap(\.templates) }

    /// Top-level names of the site that Booklet's own files take.
    static var reservedNames: Set<String> { Set(all.flatMap(\.reservedNames)) }
}
