import Foundation
import Testing

@testable import BookletCore

/// The list of outputs is the one place that says what a build writes and needs.
@Suite("Outputs")
struct OutputsTests {
    @Test func requiredTemplatesAreThoseOfTheOutputs() {
        #expect(
            Set(TemplateSet.required) == [
                "html/layout", "html/cover", "html/section", "html/entry", "html/vocabulary", "html/term", "html/search",
                "html/print", "html/handout", "html/redirect", "text/booklet", "text/handout", "epub/cover", "epub/nav",
                "epub/section", "epub/terms", "epub/package",
            ])
        #expect(Set(Outputs.all.map(\.name)).count == Outputs.all.count)
    }

    @Test func everyTopLevelNameTheSiteWritesIsReservedOrAnId() async throws {
        // A name an output writes but does not declare could be taken by a section's id.
        let corpus = try TemporaryCorpus()
        let (booklet, _) = try await corpus.link()
        let templates = try #require(TemplateSet.load(path: Repository.templates).0)
        let (files, _) = await SiteRenderer(booklet: booklet, templates: templates).render()
        let ids = Set(booklet.sections.map(\.section.id) + booklet.vocabularies.map(\.vocabulary.key) + booklet.handouts.map(\.handout.id))
        for file in files {
            let top = String(file.path.split(separator: "/").first ?? "")
            let stem = top.split(separator: ".").first.map(String.init) ?? top
            #expect(Outputs.reservedNames.contains(stem) || ids.contains(stem), "\(file.path)")
        }
        #expect(Outputs.reservedNames == ["index", "assets", "search", "search-index", "print", "booklet", "files"])
    }
}
