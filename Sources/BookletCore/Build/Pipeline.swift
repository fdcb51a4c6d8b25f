/// The whole build, stage by stage: load → parse → link → render → write.
///
/// `check` runs every stage but the last, so it reports exactly what `build` would.
/// Nothing is written unless the build is clean (no errors; no warnings with `strict`).
public enum Pipeline {
    /// Where to read and write, and how strict to be.
    public struct Options: Sendable {
        public var contentPath: String
        public var templatesPath: String
        public var outputPath: String
        /// Treat warnings as errors.
        public var strict: Bool

        public init(
            contentPath: String = "content", templatesPath: String = "templates", outputPath: String = "site",
            strict: Bool = false
        ) {
            self.contentPath = contentPath
            self.templatesPath = templatesPath
            self.outputPath = outputPath
            self.strict = strict
        }
    }

    /// What a run found and did.
    public struct Report: Sendable {
        /// Every diagnostic, sorted.
        public var diagnostics: [Diagnostic]
        public var entryCount: Int
        /// Files written (or that would be written, for `check`).
        public var fileCount: Int
        /// Wall time of each stage, in order.
        public var timings: [(stage: String, duration: Duration)]
        /// True when the output was (or could be) written.
        public var succeeded: Bool
    }

    /// A problem that is not the content's: a missing folder, an unusable output folder.
    public struct UsageError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Loads, validates and renders in memory; writes nothing.
    public static func check(_ options: Options) async throws(UsageError) -> Report {
        try await run(options, write: false)
    }

    /// Builds the site and swaps it into `options.outputPath` if the content is clean.
    public static func build(_ options: Options) async throws(UsageError) -> Report {
        try await run(options, write: true)
    }

    private static func run(_ options: Options, write: Bool) async throws(UsageError) -> Report {
        var timer = StageTimer()
        if write {
            do { try SiteWriter.validate(
                    output: options.outputPath, content: options.contentPath, templates: options.templatesPath) } catch {
                throw UsageError(message: error.message)
            }
        }
        let corpus: Corpus
        var diagnostics: [Diagnostic]
        do {
            (corpus, diagnostics) = try await CorpusLoader.load(contentPath: options.contentPath)
        } catch {
            throw UsageError(message: "\(error.path): cannot read content folder: \(error.reason)")
        }
        timer.lap("load")

        let (documents, bodyWords) = await BodyWords.scan(corpus.entries)
        timer.lap("parse")

        let (booklet, linkDiagnostics) = await Linker.link(corpus, documents: documents, bodyWords: bodyWords)
        diagnostics += linkDiagnostics
        timer.lap("link")

        // Pages are written into a staging folder as they render; it replaces the output
        // only if the whole build is clean, and is discarded otherwise.
        var staging: SiteWriter.Staging?
        var fileCount = 0
        var writing = Duration.zero
        let clock = ContinuousClock()
        // Parts of the render stage, each less the writing done meanwhile.
        var parts: [(stage: String, duration: Duration)] = []
        var partStart = clock.now
        var partWriting = Duration.zero
        let (templateSet, templateDiagnostics) = TemplateSet.load(path: options.templatesPath)
        diagnostics += templateDiagnostics
        if let templates = templateSet, !diagnostics.containsErrors {
            do throws(SiteWriter.OutputError) {
                if write { staging = try SiteWriter.Staging(output: options.outputPath) }
                diagnostics += try await SiteRenderer(booklet: booklet, templates: templates).render {
                    (files: [OutputFile]) throws(SiteWriter.OutputError) in
                    // Later parts of a file (`appending`) are not files of their own.
                    fileCount += files.count(where: { !$0.appending })
                    guard staging != nil else { return }
                    let start = clock.now
                    try staging?.write(files)
                    writing += clock.now - start
                } finished: { part in
                    let now = clock.now
                    parts.append(("render › " + part, now - partStart - (writing - partWriting)))
                    partStart = now
                    partWriting = writing
                }
            } catch {
                staging?.discard()
                throw UsageError(message: error.message)
            }
        }
        timer.lap("render", excluding: writing)
        for part in parts { timer.record(part.stage, part.duration) }

        diagnostics.sort()
        let clean = !diagnostics.containsErrors && !(options.strict && diagnostics.containsWarnings)
        if let staging {
            if clean {
                do { try staging.commit() } catch {
                    staging.discard()
                    throw UsageError(message: error.message)
                }
            } else {
                staging.discard()
            }
            timer.record("write", writing + timer.lap())
        }
        return Report(
            diagnostics: diagnostics, entryCount: corpus.entries.count, fileCount: fileCount,
            timings: timer.laps, succeeded: clean)
    }
}

/// Measures consecutive stages with a monotonic clock.
struct StageTimer {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private(set) var laps: [(stage: String, duration: Duration)] = []

    init() { last = clock.now }

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
