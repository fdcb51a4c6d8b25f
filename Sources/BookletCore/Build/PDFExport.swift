import Foundation

/// `booklet pdf`: the whole booklet and each handout as PDF, made by WeasyPrint from the
/// same `print.html` and `<handout>.html` a build writes, with `templates/pdf/booklet.css`
/// added (page numbers, the contents' page numbers, page breaks).
///
/// The engine is optional: nothing else needs it, and without it `booklet pdf` stops with
/// one message saying how to install it. The PDFs go to their own folder (`pdf/`, which
/// git ignores), never into `site/`: the committed site must build without the engine.
public enum PDFExport {
    /// Where to read and write, and which engine to run.
    public struct Options: Sendable {
        public var pipeline: Pipeline.Options
        /// The WeasyPrint executable: a path, or a name looked up on `PATH`.
        public var engine: String
        /// The folder the PDFs are written into (created if missing).
        public var outputPath: String

        public init(pipeline: Pipeline.Options, engine: String = "weasyprint", outputPath: String = "pdf") {
            self.pipeline = pipeline
            self.engine = engine
            self.outputPath = outputPath
        }
    }

    /// The stylesheet added to the print page and handouts, relative to the templates folder.
    public static let stylesheet = "pdf/booklet.css"

    /// The message when the engine cannot be found (exit status 2).
    static func missingEngine(_ engine: String) -> String {
        "booklet pdf needs WeasyPrint, and '\(engine)' was not found; install it with 'pip install weasyprint' "
            + "(Debian or Ubuntu: 'sudo apt-get install weasyprint'), or name it with --engine PATH"
    }

    /// The engine's executable: `engine` itself when it names a file (has a slash), else
    /// the first executable of that name on `PATH`.
    public static func findEngine(_ engine: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        let files = FileManager.default
        if engine.contains("/") { return files.isExecutableFile(atPath: engine) ? engine : nil }
        for folder in (path ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = folder + "/" + engine
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Checks and renders the booklet, then makes the PDFs. Returns the build's report and
    /// the PDFs written (none when the content has errors). Throws a usage error (exit 2)
    /// when the engine is missing or fails, or a file cannot be read or written.
    public static func run(_ options: Options) async throws(UsageError) -> (report: Pipeline.Report, written: [String]) {
        guard let engine = findEngine(options.engine) else { throw UsageError(message: missingEngine(options.engine)) }
        let stylesheetPath = FileSystem.withoutTrailingSlash(options.pipeline.templatesPath) + "/" + stylesheet
        guard let css = try? FileSystem.read(stylesheetPath) else {
            throw UsageError(message: "\(stylesheetPath): cannot read the PDF stylesheet; restore it from the project's templates/")
        }
        // The pages, assets and files, with the whole-book files left to be asked for: of
        // those the PDFs need only print.html, not booklet.txt or the e-book.
        var pipeline = options.pipeline
        pipeline.deferWholeBook = true
        var sink = MemorySink()
        var report = try await Pipeline(pipeline).run(into: &sink)
        guard report.succeeded else { return (report, []) }
        var pages = sink.files
        if let printed = await report.onRequest?.render("print.html") {
            pages.merge(printed.files) { _, new in new }
            // What print.html's template lacked counts as it does in a build.
            report.diagnostics = (report.diagnostics + printed.diagnostics).sorted()
            let strict = options.pipeline.strict && report.diagnostics.containsWarnings
            if report.diagnostics.containsErrors || strict {
                report.succeeded = false
                return (report, [])
            }
        }

        let files = FileManager.default
        let work = files.temporaryDirectory.appendingPathComponent("booklet-pdf-\(UUID().uuidString)").path
        defer { try? files.removeItem(atPath: work) }
        let jobs = [("print.html", "booklet.pdf")] + report.handouts.map { ($0 + ".html", $0 + ".pdf") }
        do {
            // The pages, their assets, and the images they show (the logo, figures).
            for (path, bytes) in pages
            where path.hasPrefix("assets/") || path.hasPrefix(ContentFile.siteFolder + "/")
                || jobs.contains(where: { $0.0 == path })
            {
                let url = URL(fileURLWithPath: work + "/html/" + path)
                try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            try Data(css).write(to: URL(fileURLWithPath: work + "/booklet-pdf.css"))
        } catch {
            throw UsageError(message: "\(work): cannot write file: \(error.localizedDescription)")
        }
        for (input, output) in jobs {
            try runEngine(
                engine,
                ["--quiet", "--stylesheet", work + "/booklet-pdf.css", work + "/html/" + input, work + "/" + output],
                input: input)
        }
        // Only now, with every PDF made, the output folder is touched.
        let outputFolder = FileSystem.withoutTrailingSlash(options.outputPath)
        var written: [String] = []
        do {
            try files.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
            for (_, output) in jobs {
                let target = outputFolder + "/" + output
                if files.fileExists(atPath: target) { try files.removeItem(atPath: target) }
                try files.copyItem(atPath: work + "/" + output, toPath: target)
                written.append(target)
            }
        } catch {
            throw UsageError(message: "\(outputFolder): cannot write file: \(error.localizedDescription)")
        }
        return (report, written)
    }

    /// Runs the engine; a failure is a usage error with the engine's last words.
    private static func runEngine(_ engine: String, _ arguments: [String], input: String) throws(UsageError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: engine)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw UsageError(message: "\(engine): cannot run WeasyPrint: \(error.localizedDescription)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let lines = String(decoding: message, as: UTF8.self).split(separator: "\n")
            throw UsageError(
                message: "WeasyPrint failed on \(input) (exit status \(process.terminationStatus))"
                    + (lines.last.map { ": " + $0 } ?? ""))
        }
    }
}
