import ArgumentParser
import BookletCore
import BookletServe
import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// The `booklet` command line: parses arguments, runs the pipeline, prints diagnostics.
@main
struct BookletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "booklet",
        abstract: "Builds a society's booklet (HTML site, print page, plain text, e-book, handouts) from Markdown.",
        version: BookletVersion.current,
        subcommands: [Build.self, Check.self, New.self, Serve.self, Pdf.self],
        defaultSubcommand: Build.self
    )
}

/// Options shared by `build` and `check`.
struct InputOptions: ParsableArguments {
    @Option(help: "Folder with booklet.yml, taxonomy.yml and the section folders.")
    var content = "content"

    @Option(help: "Folder with the Mustache templates and assets.")
    var templates = "templates"

    @Flag(help: "Treat warnings as errors.")
    var strict = false
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the booklet into the output folder (the default command).")

    @OptionGroup var input: InputOptions

    @Option(help: "Output folder; replaced atomically, only when the build succeeds.")
    var output = "site"

    @Flag(help: "Print nothing but diagnostics.")
    var quiet = false

    @Flag(help: "Print the wall time of each stage.")
    var timings = false

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let options = Pipeline.Options(
            contentPath: input.content, templatesPath: input.templates, outputPath: output, strict: input.strict)
        let report = try await runReporting { () async throws(UsageError) in try await Pipeline.build(options)
        }
        if timings { printTimings(report) }
        guard report.succeeded else { throw ExitCode(1) }
        if !quiet {
            let elapsed = clock.now - start
            let milliseconds =
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            print(
                "Built \(report.entryCount) entries\(report.draftsSkipped), \(report.fileCount) files in \(milliseconds) ms into \(output)/"
            )
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate the content and templates; write nothing.")

    @OptionGroup var input: InputOptions

    @Flag(help: "Print nothing but diagnostics.")
    var quiet = false

    func run() async throws {
        let options = Pipeline.Options(contentPath: input.content, templatesPath: input.templates, strict: input.strict)
        let report = try await runReporting { () async throws(UsageError) in try await Pipeline.check(options)
        }
        guard report.succeeded else { throw ExitCode(1) }
        // Agrees with the count printed above it: never "no problems" after warnings.
        if !quiet { print("Checked \(report.entryCount) entries\(report.draftsSkipped): \(report.problemSummary).") }
    }
}

struct Pdf: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make PDFs of the whole booklet and of each handout (needs WeasyPrint).")

    @OptionGroup var input: InputOptions

    @Option(help: "Folder the PDFs are written into (created if missing).")
    var output = "pdf"

    @Option(help: "The WeasyPrint program: a path, or a name looked up on PATH.")
    var engine = "weasyprint"

    @Flag(help: "Print nothing but diagnostics.")
    var quiet = false

    func run() async throws {
        let options = PDFExport.Options(
            pipeline: Pipeline.Options(
                contentPath: input.content, templatesPath: input.templates, strict: input.strict),
            engine: engine, outputPath: output)
        var written: [String] = []
        let report = try await runReporting { () async throws(UsageError) in
            let result = try await PDFExport.run(options)
            written = result.written
            return result.report
        }
        guard report.succeeded else { throw ExitCode(1) }
        if !quiet { print("Made \(written.count) PDF\(written.count == 1 ? "" : "s"): \(written.joined(separator: ", "))") }
    }
}

struct New: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new entry file with front matter to fill in.")

    @Argument(help: "Section id, as declared in taxonomy.yml.")
    var section: String

    @Argument(help: "Title of the entry; the file name is made from it.")
    var title: String

    @Option(help: "Folder with booklet.yml, taxonomy.yml and the section folders.")
    var content = "content"

    func run() throws {
        do {
            let path = try Scaffold.newEntry(section: section, title: title, contentPath: content)
            print("Created \(path)")
        } catch {
            printError("error: \(error.message)")
            throw ExitCode(2)
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the booklet in a browser; rebuild and reload on every save (writes nothing).")

    @Option(help: "Folder with booklet.yml, taxonomy.yml and the section folders.")
    var content = "content"

    @Option(help: "Folder with the Mustache templates and assets.")
    var templates = "templates"

    @Option(help: "Address to listen on; anything but 127.0.0.1 (or ::1) shows the booklet to your network.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; the next free one is taken when it is in use.")
    var port = 8000

    @Flag(inversion: .prefixedNo, help: "Show entries marked draft: true, with a banner (--no-drafts: as published).")
    var drafts = true

    @Flag(help: "Check for changes twice a second instead of with inotify (network drives, WSL's /mnt/c).")
    var poll = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() async throws {
        let console = LiveServer.Console(
            out: { line in
                var text = line.escapingControlCharacters + "\n"
                text.withUTF8 { buffer in _ = write(1, buffer.baseAddress, buffer.count) }
            },
            error: { printError($0) })
        let server = LiveServer(
            .init(
                contentPath: content, templatesPath: templates, host: host, port: port, drafts: drafts, polling: poll),
            console: console)
        // Ctrl-C and SIGTERM stop the server cleanly instead of killing the process.
        let signals = DispatchQueue(label: "booklet signals")
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: signals)
            source.setEventHandler { Task { await server.stop() } }
            source.resume()
            sources.append(source)
        }
        defer { for source in sources { source.cancel() } }
        do {
            try await server.start()
        } catch {
            printError("error: \(error.message)")
            await server.stop()
            throw ExitCode(2)
        }
        if let warning = LiveServer.exposureWarning(host: host) { printError(warning) }
        let url = await server.url ?? ""
        console.out("Serving the booklet at \(url)")
        console.out(
            "Watching \(content)/ and \(templates)/: pages reload by themselves after each save. Press Ctrl-C to stop.")
        await server.waitUntilStopped()
        console.out("Stopped.")
    }
}

/// Runs the pipeline, prints its diagnostics, and maps usage errors to exit status 2.
func runReporting(_ body: () async throws(UsageError) -> Pipeline.Report) async throws -> Pipeline.Report {
    do {
        let report = try await body()
        for line in report.diagnosticLines { printError(line) }
        return report
    } catch {
        printError("error: \(error.message)")
        throw ExitCode(2)
    }
}

func printTimings(_ report: Pipeline.Report) {
    for (stage, duration) in report.timings {
        let c = duration.components
        let ms = Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
        printError("\(stage): \((ms * 10).rounded() / 10) ms")
    }
}

/// Prints one line to standard error, control characters escaped (file names and values
/// in messages come from the content folder).
func printError(_ line: String) {
    var text = line.escapingControlCharacters + "\n"
    text.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
}
