/// `booklet.epub`: the booklet as an EPUB 3 e-book, from `templates/epub/`: a cover page,
/// the navigation document (contents and landmarks), one XHTML document per section
/// (comparison sections as tables), an index per vocabulary, and the package document
/// with the metadata of `booklet.yml`. Cross-references and term links lead inside the
/// book. The archive is the same byte for byte from build to build (`EPUBArchive`).
struct EBook: Output {
    var name: String { "booklet.epub" }
    var templates: [String] { EBookRenderer.templates }
    var reservedNames: [String] { ["booklet"] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        let book = EBookRenderer(site: site)
        var files: [OutputFile] = []
        let jobs = book.documents
        var report = await site.renderPages(count: jobs.count, { book.page(jobs[$0]) }) { files += $0 }
        let package = book.packagePage(jobs)
        report.merge(package.report)
        var contents: [(path: String, bytes: [UInt8])] = [
            ("META-INF/container.xml", Array(EBookRenderer.container.utf8)),
            (EBookRenderer.folder + "package.opf", Array(package.text.utf8)),
        ]
        contents += files.map { (EBookRenderer.folder + $0.path, $0.bytes) }
        contents += site.templates.bookFiles.map { (EBookRenderer.folder + $0.path, $0.bytes) }
        let bytes: [UInt8]
        do throws(EPUBArchive.Failure) {
            bytes = try EPUBArchive.pack(contents, date: book.zipDate)
        } catch {
            report.failure = report.failure ?? .error(SourceLocation(path: "booklet.epub"), error.message)
            return report
        }
        try emit([OutputFile(path: "booklet.epub", bytes: bytes)])
        return report
    }
}
