/// The whole build, stage by stage: load → parse → link → render into a sink.
///
/// A pipeline is a value: it can run again, into the sink its caller chooses (a staging
/// folder for `build`, memory for tests and a live preview). `check` runs every stage
/// and keeps nothing, so it reports exactly what `build` would. Nothing replaces the
/// output unless the build is clean (no errors; no warnings with `strict`).
public struct Pipeline: Sendable {
    /// Where to read and write, and how strict to be.
    public struct Options: Sendable {
        public var contentPath: String
        public var templatesPath: String
        public var outputPath: String
        /// Treat warnings as errors.
        public var strict: Bool
        /// Render entries marked `draft: true` as if they were published (the live preview
        /// shows them); links and handouts naming a draft are still errors, as in a build.
        public var includeDrafts: Bool
        /// Keeps entry files' readings between runs (the live preview); nil reads all afresh.
        public var entryCache: EntryCache?
        /// Leave the whole-book files (`Output.onRequest`: print.html, booklet.txt,
        /// booklet.epub) to `Report.onRequest`, which renders them when asked (the live
        /// preview, where they would be most of every rebuild).
        public var deferWholeBook: Bool

        public init(
            contentPath: String = "content", templatesPath: String = "templates", outputPath: String = "site",
            strict: Bool = false, includeDrafts: Bool = false, entryCache: EntryCache? = nil,
            deferWholeBook: Bool = false
        ) {
            self.entryCache = entryCache
            self.deferWholeBook = deferWholeBook
            self.contentPath = contentPath
            self.templatesPath = templatesPath
            self.outputPath = outputPath
            self.strict = strict
            self.includeDrafts = includeDrafts
        }
    }

    /// What a run found and did.
    public struct Report: Sendable {
        /// Every diagnostic, sorted.
        public var diagnostics: [Diagnostic]
        public var entryCount: Int
        /// Entries marked `draft: true`, left out of the output.
        public var draftCount: Int
        /// Files written (or that would be written, for `check`).
        public var fileCount: Int
        /// Wall time of each stage, in order.
        public var timings: [(stage: String, duration: Duration)]
        /// True when the content is clean: the output was (or could be) written.
        public var succeeded: Bool
        /// The ids of the handouts rendered (`<id>.html`, `<id>.txt`).
        public var handouts: [String] = []
        /// The ids of the drafts rendered with `Options.includeDrafts`, sorted; empty otherwise.
        public var shownDrafts: [String] = []
        /// With `Options.deferWholeBook`, renders the files left out when they are asked for.
        public var onRequest: OnRequestFiles?
    }

    /// The whole-book files a run with `Options.deferWholeBook` left out, rendered from the
    /// same linked booklet and templates when asked for.
    public struct OnRequestFiles: Sendable {
        let site: SiteRenderer

        /// The paths it can render (`print.html`, `booklet.txt`, `booklet.epub`).
        public var paths: Set<String> { Set(Outputs.all.flatMap(\.onRequest)) }

        /// Renders the output that writes `path`: its files (path → bytes), and what its
        /// templates lacked. Nil when no output writes `path`.
        public func render(_ path: String) async -> (files: [String: [UInt8]], diagnostics: [Diagnostic])? {
            guard let output = Outputs.all.first(where: { $0.onRequest.contains(path) }) else { return nil }
            var sink = MemorySink()
            // Memory takes every file: nothing to fail.
            let report = await output.render(site) { (files: [OutputFile]) in try? sink.write(files) }
            return (sink.files, report.diagnostics)
        }
    }

    public var options: Options

    /// A pipeline reading and writing where `options` say.
    public init(_ options: Options) { self.options = options }

    /// Loads, validates and renders in memory; writes nothing.
    public static func check(_ options: Options) async throws(UsageError) -> Report {
        var sink = Discarding()
        return try await Pipeline(options).run(into: &sink)
    }

    /// Builds the site and swaps it into `options.outputPath` if the content is clean.
    public static func build(_ options: Options) async throws(UsageError) -> Report {
        do {
            try SiteWriter.validate(
                output: options.outputPath, content: options.contentPath, templates: options.templatesPath)
        } catch {
            throw UsageError(message: error.message)
        }
        // Pages are written into a staging folder as they render; it replaces the output
        // only if the whole build is clean, and is discarded otherwise.
        var staging: SiteWriter.Staging
        do { staging = try SiteWriter.Staging(output: options.outputPath) } catch {
            throw UsageError(message: error.message)
        }
        var report: Report
        do {
            report = try await Pipeline(options).run(into: &staging)
        } catch {
            staging.discard()
            throw error
        }
        let clock = ContinuousClock()
        let start = clock.now
        if report.succeeded {
            do { try staging.commit() } catch {
                staging.discard()
                throw UsageError(message: error.message)
            }
        } else {
            staging.discard()
        }
        if let write = report.timings.firstIndex(where: { $0.stage == "write" }) {
            report.timings[write].duration += clock.now - start
        }
        return report
    }

    /// Runs every stage, rendering into `sink`. The report says whether the content was
    /// clean; what the sink holds of an unclean build is the caller's to discard.
    public func run(into sink: inout some OutputSink) async throws(UsageError) -> Report {
        var timer = StageTimer()
        var corpus: Corpus
        var diagnostics: [Diagnostic]
        do {
            (corpus, diagnostics) = try await CorpusLoader.load(
                contentPath: options.contentPath, includeDrafts: options.includeDrafts, cache: options.entryCache)
        } catch {
            throw UsageError(message: "\(error.path): cannot read content folder: \(error.reason)")
        }
        timer.lap("load")
        if corpus.sectionsUnreadable {
            // Everything after this would only repeat that taxonomy.yml could not be read.
            diagnostics.sort()
            return Report(
                diagnostics: diagnostics, entryCount: 0, draftCount: 0, fileCount: 0, timings: timer.laps,
                succeeded: false)
        }

        let (documents, bodyWords) = await BodyParser.parse(corpus.entries)
        corpus.releaseBodies()
        timer.lap("parse")

        let (booklet, linkDiagnostics) = await Linker.link(corpus, documents: documents, bodyWords: bodyWords)
        diagnostics += linkDiagnostics
        let shownDrafts = options.includeDrafts ? corpus.drafts.sorted() : []
        if !shownDrafts.isEmpty { diagnostics += DraftPreview.namesOfDrafts(in: booklet, drafts: corpus.drafts) }
        timer.lap("link")

        var timed = TimedSink(sink: sink)
        let (templateSet, templateDiagnostics) = TemplateSet.load(path: options.templatesPath)
        diagnostics += templateDiagnostics
        var outputs: [(stage: String, duration: Duration)] = []
        var onRequest: OnRequestFiles?
        if let templates = templateSet, !diagnostics.containsErrors {
            var outputStart = timer.now
            var writingBefore = Duration.zero
            let site = SiteRenderer(booklet: booklet, templates: templates)
            if options.deferWholeBook { onRequest = OnRequestFiles(site: site) }
            do throws(UsageError) {
                diagnostics += try await site.render(deferring: options.deferWholeBook) {
                    (files: [OutputFile]) throws(UsageError) in try timed.write(files)
                } finished: { output in
                    // Each output's time, less the writing done meanwhile (recorded as "write").
                    let now = timer.now
                    outputs.append(("render › " + output, now - outputStart - (timed.writing - writingBefore)))
                    outputStart = now
                    writingBefore = timed.writing
                }
            } catch {
                sink = timed.sink
                throw UsageError(message: error.message)
            }
        }
        sink = timed.sink
        timer.lap("render", excluding: timed.writing)
        for output in outputs { timer.record(output.stage, output.duration) }
        timer.record("write", timed.writing)

        diagnostics.sort()
        let clean = !diagnostics.containsErrors && !(options.strict && diagnostics.containsWarnings)
        return Report(
            diagnostics: diagnostics, entryCount: corpus.entries.count, draftCount: corpus.drafts.count,
            fileCount: timed.fileCount,
            timings: timer.laps, succeeded: clean, handouts: booklet.handouts.map(\.handout.id),
            shownDrafts: shownDrafts, onRequest: onRequest)
    }

    /// A sink that keeps nothing, for `check`.
    private struct Discarding: OutputSink {
        mutating func write(_ files: [OutputFile]) throws(UsageError) {}
    }

    /// Wraps a sink to count the files it takes and the time it spends writing them.
    private struct TimedSink<Sink: OutputSink>: OutputSink {
        var sink: Sink
        private(set) var writing = Duration.zero
        private(set) var fileCount = 0

        mutating func write(_ files: [OutputFile]) throws(UsageError) {
            // Later parts of a file (`appending`) are not files of their own.
            fileCount += files.count(where: { !$0.appending })
            let clock = ContinuousClock()
            let start = clock.now
            defer { writing += clock.now - start }
            try sink.write(files)
        }
    }
}

/// Measures consecutive stages with a monotonic clock.
struct StageTimer {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private(set) var laps: [(stage: String, duration: Duration)] = []

    init() { last = clock.now }

    /// The clock's current instant.
    var now: ContinuousClock.Instant { clock.now }

    /// Records the time since the previous lap as `stage`, less `excluded` (time spent on
    /// another stage meanwhile, recorded apart).
    mutating func lap(_ stage: String, excluding excluded: Duration = .zero) {
        laps.append((stage, lap() - excluded))
    }

    /// The time since the previous lap, starting a new one without recording it.
    mutating func lap() -> Duration {
        let now = clock.now
        defer { last = now }
        return now - last
    }

    /// Records `duration` as `stage`.
    mutating func record(_ stage: String, _ duration: Duration) {
        laps.append((stage, duration))
    }
}
