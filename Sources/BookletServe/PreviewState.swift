import BookletCore

/// The last site that built, and what the latest build found.
public struct PreviewSite: Sendable {
    /// Every file of the site: path → bytes, as `MemorySink` took them.
    public var files: [String: [UInt8]]
    /// The paths of draft entries' pages (`section/name.html`), which get a banner.
    public var draftPages: Set<String>
    /// The whole-book files (print.html, booklet.txt, booklet.epub), rendered from this
    /// build when first asked for; nil when `files` has them all.
    public var onRequest: OnRequestCache?

    /// A site of `files`, with banners on `draftPages`, and the files `onRequest` renders.
    public init(files: [String: [UInt8]], draftPages: Set<String> = [], onRequest: OnRequestCache? = nil) {
        self.files = files
        self.draftPages = draftPages
        self.onRequest = onRequest
    }

    /// The bytes of the file at `path`: from memory, or rendered now if it is one of the
    /// whole-book files (once per build).
    public func file(_ path: String) async -> [UInt8]? {
        if let bytes = files[path] { return bytes }
        return await onRequest?.file(path)
    }
}

/// The whole-book files of one build, rendered when first asked for and then kept: a
/// rebuild renders the pages an editor looks at, and `print.html`, `booklet.txt` and
/// `booklet.epub` wait until a browser opens them.
public actor OnRequestCache {
    private let renderer: Pipeline.OnRequestFiles
    /// Per path asked for, the rendering of its output: started by the first request and
    /// awaited by every later one, so a file is rendered once however many ask at once.
    private var renderings: [String: Task<[String: [UInt8]], Never>] = [:]

    /// The files `renderer` renders.
    public init(_ renderer: Pipeline.OnRequestFiles) { self.renderer = renderer }

    /// The file at `path`, if an on-request output writes it.
    func file(_ path: String) async -> [UInt8]? {
        guard renderer.paths.contains(path) else { return nil }
        let rendering: Task<[String: [UInt8]], Never>
        if let started = renderings[path] {
            rendering = started
        } else {
            let renderer = renderer
            rendering = Task { await renderer.render(path)?.files ?? [:] }
            renderings[path] = rendering
        }
        return await rendering.value[path]
    }
}

/// What the server answers from: one consistent view, taken once per request.
public struct PreviewSnapshot: Sendable {
    /// The last good site; nil until a build has succeeded.
    public var site: PreviewSite?
    /// Counts builds; a page whose generation differs reloads.
    public var generation: Int
    /// The lines the latest build printed, when it failed (`file:line:col: error: …`);
    /// empty when it succeeded.
    public var problems: [String]
    /// Tells this server's pages from an earlier run's, so a page left open across a
    /// restart reloads too.
    public var instance: UInt64
}

/// Holds the preview's current snapshot and tells open pages when it changes.
public actor PreviewState {
    private var snapshot: PreviewSnapshot
    private var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextSubscriber = 0
    private var stopped = false

    /// An empty state: no site yet, generation 0.
    public init(instance: UInt64 = UInt64.random(in: 1...UInt64.max)) {
        snapshot = PreviewSnapshot(site: nil, generation: 0, problems: [], instance: instance)
    }

    /// The current snapshot.
    public var current: PreviewSnapshot { snapshot }

    /// Records a build: a new site (nil keeps the last good one) and the problems of a
    /// failed build; every open page is told the new generation.
    public func publish(site: PreviewSite?, problems: [String]) {
        if let site { snapshot.site = site }
        snapshot.problems = problems
        snapshot.generation += 1
        let tag = Self.tag(snapshot)
        for continuation in subscribers.values { continuation.yield(tag) }
    }

    /// A stream of generation tags (`instance-generation`), starting with the current one.
    public func subscribe() -> (id: Int, tags: AsyncStream<String>) {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1))
        continuation.yield(Self.tag(snapshot))
        if stopped {
            continuation.finish()
            return (-1, stream)
        }
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = continuation
        return (id, stream)
    }

    /// Ends a subscription.
    public func unsubscribe(_ id: Int) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    /// Ends every subscription (the server is stopping).
    public func finish() {
        stopped = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    /// How many pages are listening (for tests).
    public var subscriberCount: Int { subscribers.count }

    /// The tag a page compares with its own: `instance-generation`.
    static func tag(_ snapshot: PreviewSnapshot) -> String { "\(snapshot.instance)-\(snapshot.generation)" }
}
