/// `booklet.epub`: the booklet as an EPUB 3 e-book, from `templates/epub/`: a cover page,
/// the navigation document (contents and landmarks), one XHTML document per section
/// (comparison sections as tables), an index per vocabulary, and the package document
/// with the metadata of `booklet.yml`. Cross-references and term links lead inside the
/// book. The archive is the same byte for byte from build to build (`EPUBArchive`).
struct EBook: Output {
    var name: String { "booklet.epub" }
    var templates: [String] { EBookRenderer.templates }
    var reservedNames: [String] { ["booklet"] }
    var onRequest: [String] { ["booklet.epub"] }

    func render<Failure: Error>(_ site: SiteRenderer, emit: ([OutputFile]) throws(Failure) -> Void)
        async throws(Failure) -> TemplateReport
    {
        let book = EBookRenderer(site: site)
        var files: [OutputFile] = []
        let jobs = book.documents
        var report = await site.renderPages(count: jobs.count, { book.page(jobs[$0]) }) { files += $0 }
        let package = book.packagePage(jobs)
        report.merge(package.report)
        // Files are kept as rendered and turned into bytes one at a time while packing, so
        // the book is in memory once (plus the archive), not in several copies.
        var contents: [OutputFile] = [
            OutputFile(path: "META-INF/container.xml", text: EBookRenderer.container),
            OutputFile(path: EBookRenderer.folder + "package.opf", text: package.text),
        ]
        contents += files.map { OutputFile(path: EBookRenderer.folder + $0.path, contents: $0.contents) }
        files = []
        contents += site.templates.bookFiles.map { OutputFile(path: EBookRenderer.folder + $0.path, bytes: $0.bytes) }
        // The images the book shows (attached files stay on the site: a book links only to
        // its own documents), where the site keeps them.
        for file in book.images {
            guard let bytes = PublishedFiles.bytes(of: file, report: &report) else { return report }
            contents.append(OutputFile(path: EBookRenderer.folder + file.sitePath, bytes: bytes))
        }
        let bytes: [UInt8]
        do throws(EPUBArchive.Failure) {
            bytes = try EPUBArchive.pack(&contents, date: book.zipDate)
        } catch {
            report.failure = report.failure ?? .error(SourceLocation(path: "booklet.epub"), error.message)
            return report
        }
        try emit([OutputFile(path: "booklet.epub", bytes: bytes)])
        return report
    }
}
