import BookletCore
import FlyingFox
import FlyingSocks
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `booklet serve`: builds the booklet into memory, serves it over HTTP, watches the
/// content and template folders, rebuilds once per burst of changes and tells every open
/// page to reload. It never writes a file.
public actor LiveServer {
    /// What to build and where to listen.
    public struct Options: Sendable {
        public var contentPath: String
        public var templatesPath: String
        /// An IP address (`127.0.0.1`, `::1`, `0.0.0.0`) or `localhost`.
        public var host: String
        /// The first port tried; 0 lets the system choose a free one (tests).
        public var port: Int
        /// How many ports after `port` to try when it is taken.
        public var portAttempts: Int
        /// Show entries marked `draft: true`, with a banner.
        public var drafts: Bool
        /// Notice changes by polling instead of inotify.
        public var polling: Bool

        /// Options for `content` and `templates`, served on `host:port`.
        public init(
            contentPath: String = "content", templatesPath: String = "templates", host: String = "127.0.0.1",
            port: Int = 8000, portAttempts: Int = 20, drafts: Bool = true, polling: Bool = false
        ) {
            self.contentPath = contentPath
            self.templatesPath = templatesPath
            self.host = host
            self.port = port
            self.portAttempts = portAttempts
            self.drafts = drafts
            self.polling = polling
        }
    }

    /// Where messages go: `out` for progress, `error` for diagnostics (as `booklet build`).
    public struct Console: Sendable {
        public var out: @Sendable (String) -> Void
        public var error: @Sendable (String) -> Void

        /// A console writing to `out` and `error`.
        public init(out: @escaping @Sendable (String) -> Void, error: @escaping @Sendable (String) -> Void) {
            self.out = out
            self.error = error
        }

        /// Prints nothing (tests).
        public static let silent = Console(out: { _ in }, error: { _ in })
    }

    public let options: Options
    /// The snapshot the server answers from.
    public let state = PreviewState()
    /// Entry files' readings, kept between rebuilds.
    private let entryCache = EntryCache()
    private let console: Console
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    private var watcher: FolderWatcher?
    private var rebuildTask: Task<Void, Never>?
    private var changes: AsyncStream<Void>.Continuation?
    private var finished: [CheckedContinuation<Void, Never>] = []
    private var isStopped = false
    /// The address being served, once started.
    public private(set) var url: String?
    /// The port being served, once started.
    public private(set) var port: Int?

    /// A server for `options`; nothing happens until `start()`.
    public init(_ options: Options, console: Console) {
        self.options = options
        self.console = console
    }

    /// True for the loopback addresses: the site stays on this computer.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The warning `serve` prints when listening on `host` shows the booklet to the
    /// network; nil for loopback addresses.
    public static func exposureWarning(host: String) -> String? {
        isLoopback(host)
            ? nil
            : "warning: listening on \(host): anyone on your network can open the booklet; use --host 127.0.0.1 to keep it on this computer"
    }

    /// Builds once, starts listening and watching. Throws a usage error (exit 2) when the
    /// folders cannot be read or no port can be had; content errors do not stop it.
    public func start() async throws(UsageError) {
        for folder in [options.contentPath, options.templatesPath] {
            var info = stat()
            guard stat(folder, &info) == 0, UInt32(info.st_mode) & UInt32(S_IFMT) == UInt32(S_IFDIR) else {
                throw UsageError(message: "\(folder): no such folder")
            }
        }
        await rebuild(first: true)

        let host = options.host == "localhost" ? "127.0.0.1" : options.host
        let (server, port) = try await listen(host: host)
        self.server = server
        self.port = port
        let shown = host.contains(":") ? "[\(host)]" : host
        url = "http://\(shown):\(port)/"

        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        changes = continuation
        rebuildTask = Task { [weak self] in
            for await _ in stream {
                guard let self else { return }
                await self.rebuild(first: false)
            }
        }
        let watcher = FolderWatcher(
            roots: [options.contentPath, options.templatesPath],
            preferring: options.polling ? .polling(interval: .milliseconds(500)) : .inotify
        ) { continuation.yield() }
        self.watcher = watcher
        if let reason = watcher.fallbackReason {
            console.error(
                "note: cannot watch for changes with inotify (\(reason)); checking for changes every half second instead"
            )
        }
    }

    /// Binds the first free port from `options.port`, saying so when it is not that one.
    private func listen(host: String) async throws(UsageError) -> (HTTPServer, Int) {
        let attempts = options.port == 0 ? 1 : max(1, options.portAttempts)
        var lastProblem = ""
        for offset in 0..<attempts {
            let port = options.port + offset
            guard port <= 65535 else { break }
            let address: any SocketAddress
            do {
                address =
                    host.contains(":")
                    ? try sockaddr_in6.inet6(ip6: host, port: UInt16(port))
                    : try sockaddr_in.inet(ip4: host, port: UInt16(port))
            } catch {
                throw UsageError(message: "--host '\(host)' is not an IP address like 127.0.0.1, ::1 or 0.0.0.0")
            }
            let server = HTTPServer(
                config: HTTPServer.Configuration(address: address, timeout: 15, logger: .disabled),
                handler: PreviewHandler(state: state))
            let failure = FailureBox()
            let task = Task {
                do { try await server.run() } catch {
                    failure.set(error)
                    throw error
                }
            }
            // Listening, or failed to bind: whichever comes first (10 s at most).
            var listening = false
            for _ in 0..<2000 {
                if await server.isListening {
                    listening = true
                    break
                }
                if failure.get() != nil { break }
                try? await Task.sleep(for: .milliseconds(5))
            }
            guard listening else {
                task.cancel()
                let error = failure.get()
                lastProblem = error.map { "\($0.localizedDescription)" } ?? "timed out"
                if case SocketError.failed(_, let errno, _)? = error as? SocketError, errno != EADDRINUSE,
                    errno != EACCES
                {
                    throw UsageError(message: "cannot listen on \(host):\(port): \(lastProblem)")
                }
                continue
            }
            serverTask = task
            var bound = port
            if let address = await server.listeningAddress {
                switch address {
                case .ip4(_, let p), .ip6(_, let p): bound = Int(p)
                default: break
                }
            }
            if offset > 0 {
                console.out("Port \(options.port) is in use; serving on port \(bound) instead.")
            }
            return (server, bound)
        }
        throw UsageError(
            message:
                "no free port from \(options.port) to \(options.port + attempts - 1) on \(host) (\(lastProblem)); choose another with --port"
        )
    }

    /// Runs the pipeline into memory and publishes the result. Prints the diagnostics as
    /// `booklet build` does, then one line saying what the preview now shows.
    func rebuild(first: Bool) async {
        let clock = ContinuousClock()
        let start = clock.now
        let pipelineOptions = Pipeline.Options(
            contentPath: options.contentPath, templatesPath: options.templatesPath, includeDrafts: options.drafts,
            entryCache: entryCache, deferWholeBook: true)
        var sink = MemorySink()
        let report: Pipeline.Report
        do {
            report = try await Pipeline(pipelineOptions).run(into: &sink)
        } catch {
            let line = "error: \(error.message)"
            console.error(line)
            await state.publish(site: nil, problems: [line.escapingControlCharacters])
            return
        }
        for line in report.diagnosticLines { console.error(line) }
        let elapsed = clock.now - start
        let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let drafts =
            report.shownDrafts.isEmpty
            ? report.draftsSkipped
            : " (\(report.shownDrafts.count) draft\(report.shownDrafts.count == 1 ? "" : "s") shown)"
        if report.succeeded {
            let site = PreviewSite(
                files: sink.files, draftPages: Set(report.shownDrafts.map { $0 + ".html" }),
                onRequest: report.onRequest.map(OnRequestCache.init))
            await state.publish(site: site, problems: [])
            console.out(
                "\(first ? "Built" : "Rebuilt") \(report.entryCount) entries\(drafts), \(report.fileCount) files in \(ms) ms."
            )
        } else {
            await state.publish(site: nil, problems: report.diagnostics.map(\.description))
            let behind = await state.current.site != nil
            console.out(
                behind
                    ? "The preview shows these problems over the last good version; fix them and save."
                    : "The preview shows these problems until the booklet builds; fix them and save.")
        }
    }

    /// Asks for a rebuild, as a change in the watched folders does (tests).
    public func requestRebuild() { changes?.yield() }

    /// Stops watching and serving, and ends every open page's connection; idempotent.
    public func stop() async {
        guard !isStopped else { return }
        isStopped = true
        watcher?.stop()
        watcher = nil
        changes?.finish()
        await rebuildTask?.value
        await state.finish()
        // Open pages' sockets have been ended above; other requests get a moment to finish.
        await server?.stop(timeout: 0.25)
        serverTask?.cancel()
        for continuation in finished { continuation.resume() }
        finished = []
    }

    /// Waits until `stop()` has finished.
    public func waitUntilStopped() async {
        if isStopped { return }
        await withCheckedContinuation { finished.append($0) }
    }
}

/// The error a server task ended with, read from another task.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?

    func set(_ error: any Error) { lock.withLock { self.error = error } }
    func get() -> (any Error)? { lock.withLock { error } }
}
