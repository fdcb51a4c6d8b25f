import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `poll(2)`, named apart from the watcher's own `poll`.
private func systemPoll(_ fds: UnsafeMutablePointer<pollfd>, _ count: Int, _ timeout: Int32) -> Int32 {
    #if canImport(Glibc)
        SwiftGlibc.poll(fds, nfds_t(count), timeout)
    #else
        Darwin.poll(fds, nfds_t(count), timeout)
    #endif
}

/// Watches folders (recursively, new folders included) and calls `onChange` once per
/// burst of changes: a save written in place, an editor's atomic save (a temporary file
/// renamed over the old one), a new, deleted or renamed file or folder.
///
/// On Linux it uses inotify; elsewhere, or when inotify cannot be had (its watch limit,
/// a network drive, WSL's Windows drives), it compares `FolderSnapshot`s twice a second.
/// Names starting with `.` (swap and backup files) never count. A burst ends when the
/// folders have been quiet for `quiet` (or after `longest` at most).
public final class FolderWatcher: @unchecked Sendable {
    /// How changes are noticed.
    public enum Mode: Sendable, Equatable {
        case inotify
        case polling(interval: Duration)
    }

    /// The mode in use (inotify may have fallen back to polling).
    public let mode: Mode
    /// Why inotify was not used, when it was asked for and could not be.
    public let fallbackReason: String?

    private let roots: [String]
    private let onChange: @Sendable () -> Void
    private let quiet: Duration
    private let longest: Duration
    // The read end is polled by the watching thread; a byte on it means "stop".
    private var stopPipe: [Int32] = [-1, -1]
    private let thread: Thread?
    private let stopped = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var isStopped = false

    /// Starts watching `roots` on a thread of its own.
    public init(
        roots: [String], preferring preferred: Mode = .inotify, quiet: Duration = .milliseconds(30),
        longest: Duration = .milliseconds(400), onChange: @escaping @Sendable () -> Void
    ) {
        self.roots = roots
        self.onChange = onChange
        self.quiet = quiet
        self.longest = longest
        var pipeEnds: [Int32] = [-1, -1]
        _ = pipe(&pipeEnds)
        stopPipe = pipeEnds
        var mode = preferred
        var reason: String?
        var inotify: InotifyWatch?
        if preferred == .inotify {
            #if canImport(Glibc)
                switch InotifyWatch.open(roots) {
                case .success(let watch): inotify = watch
                case .failure(let why):
                    reason = why.message
                    mode = .polling(interval: .milliseconds(500))
                }
            #else
                reason = "inotify is Linux's"
                mode = .polling(interval: .milliseconds(500))
            #endif
        }
        self.mode = mode
        self.fallbackReason = reason
        let stopFD = pipeEnds[0]
        let quietMS = Int32(quiet.components.seconds * 1000 + quiet.components.attoseconds / 1_000_000_000_000_000)
        let longestMS = longest.components.seconds * 1000 + longest.components.attoseconds / 1_000_000_000_000_000
        let roots = self.roots
        let semaphore = stopped
        let thread: Thread
        if let inotify {
            thread = Thread {
                inotify.run(stopFD: stopFD, quietMS: quietMS, longestMS: Int(longestMS), onChange: onChange)
                semaphore.signal()
            }
        } else {
            let interval: Duration
            if case .polling(let every) = mode { interval = every } else { interval = .milliseconds(500) }
            // The first snapshot is taken now, so a change right after `init` is seen.
            let first = FolderSnapshot.take(roots)
            thread = Thread {
                Self.poll(roots, from: first, every: interval, stopFD: stopFD, onChange: onChange)
                semaphore.signal()
            }
        }
        thread.name = "booklet watcher"
        thread.start()
        self.thread = thread
    }

    /// Stops watching and waits for the thread to end; idempotent.
    public func stop() {
        lock.lock()
        let first = !isStopped
        isStopped = true
        lock.unlock()
        guard first else { return }
        var byte: UInt8 = 1
        _ = write(stopPipe[1], &byte, 1)
        stopped.wait()
        close(stopPipe[0])
        close(stopPipe[1])
    }

    deinit { stop() }

    /// Waits up to `milliseconds` for the stop pipe; true when asked to stop.
    static func waitForStop(_ fd: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return systemPoll(&entry, 1, milliseconds) > 0
    }

    /// The polling loop: a snapshot every `interval`; after a difference, snapshots a
    /// little faster until two agree, then one change.
    static func poll(
        _ roots: [String], from first: FolderSnapshot, every interval: Duration, stopFD: Int32,
        onChange: @Sendable () -> Void
    ) {
        let ms = Int32(interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
        var last = first
        while !waitForStop(stopFD, milliseconds: ms) {
            var now = FolderSnapshot.take(roots)
            guard now != last else { continue }
            // Let a burst settle: an editor's temporary file and rename, a folder copied in.
            for _ in 0..<10 {
                if waitForStop(stopFD, milliseconds: min(ms, 100)) { return }
                let next = FolderSnapshot.take(roots)
                if next == now { break }
                now = next
            }
            last = now
            onChange()
        }
    }
}

#if canImport(Glibc)
    /// One inotify instance watching every folder under some roots.
    final class InotifyWatch: @unchecked Sendable {
        struct Failure: Error { var message: String }

        // The event masks of <sys/inotify.h>.
        static let closeWrite: UInt32 = 0x0000_0008
        static let movedFrom: UInt32 = 0x0000_0040
        static let movedTo: UInt32 = 0x0000_0080
        static let create: UInt32 = 0x0000_0100
        static let delete: UInt32 = 0x0000_0200
        static let deleteSelf: UInt32 = 0x0000_0400
        static let moveSelf: UInt32 = 0x0000_0800
        static let overflow: UInt32 = 0x0000_4000
        static let ignored: UInt32 = 0x0000_8000
        static let onlyDirectory: UInt32 = 0x0100_0000
        static let dontFollow: UInt32 = 0x0200_0000
        static let isDirectory: UInt32 = 0x4000_0000
        static let mask: UInt32 =
            closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf | onlyDirectory | dontFollow

        let fd: Int32
        private var folders: [Int32: String] = [:]

        private init(fd: Int32) { self.fd = fd }

        static func open(_ roots: [String]) -> Result<InotifyWatch, Failure> {
            let fd = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
            guard fd >= 0 else { return .failure(Failure(message: String(cString: strerror(errno)))) }
            let watch = InotifyWatch(fd: fd)
            for root in roots {
                if let problem = watch.add(root) {
                    Glibc.close(fd)
                    return .failure(problem)
                }
            }
            return .success(watch)
        }

        /// Watches `folder` and every folder under it (not following links).
        @discardableResult
        func add(_ folder: String) -> Failure? {
            var pending = [folder]
            while let path = pending.popLast() {
                let wd = inotify_add_watch(fd, path, Self.mask)
                if wd < 0 {
                    let code = errno
                    // A folder gone meanwhile is no problem; the watch limit is.
                    if code == ENOENT || code == ENOTDIR { continue }
                    return Failure(message: "\(path): \(String(cString: strerror(code)))")
                }
                folders[wd] = path
                guard let directory = opendir(path) else { continue }
                while let item = readdir(directory) {
                    let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                    }
                    if name.hasPrefix(".") || item.pointee.d_type != UInt8(DT_DIR) { continue }
                    pending.append(path + "/" + name)
                }
                closedir(directory)
            }
            return nil
        }

        /// Reads events until the stop pipe says so; one `onChange` per burst.
        func run(stopFD: Int32, quietMS: Int32, longestMS: Int, onChange: @Sendable () -> Void) {
            defer { Glibc.close(fd) }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                // Wait for a first event (or stop).
                guard wait(stopFD: stopFD, timeout: -1) else { return }
                var relevant = drain(&buffer)
                // Then gather the burst: until quiet, or the longest burst.
                let start = DispatchTime.now().uptimeNanoseconds
                while true {
                    let elapsed = Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
                    if elapsed >= longestMS { break }
                    let ready = waitReady(stopFD: stopFD, timeout: quietMS)
                    if ready == .stop { return }
                    if ready == .quiet { break }
                    relevant = drain(&buffer) || relevant
                }
                if relevant { onChange() }
            }
        }

        private enum Ready { case events, stop, quiet }

        private func waitReady(stopFD: Int32, timeout: Int32) -> Ready {
            var entries = [
                pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0),
            ]
            let count = systemPoll(&entries, 2, timeout)
            if count <= 0 { return .quiet }
            if entries[1].revents != 0 { return .stop }
            return .events
        }

        /// Waits for events; false when asked to stop.
        private func wait(stopFD: Int32, timeout: Int32) -> Bool {
            while true {
                switch waitReady(stopFD: stopFD, timeout: timeout) {
                case .events: return true
                case .stop: return false
                case .quiet: continue
                }
            }
        }

        /// Reads the pending events, watching new folders; true if any concerns a name
        /// that does not start with `.`.
        private func drain(_ buffer: inout [UInt8]) -> Bool {
            var relevant = false
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count <= 0 { return relevant }
                var offset = 0
                while offset + 16 <= count {
                    let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                        (
                            raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                            raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                            Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                        )
                    }
                    let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)]
                    let name = String(decoding: nameBytes.prefix(while: { $0 != 0 }), as: UTF8.self)
                    offset += 16 + length
                    if mask & Self.overflow != 0 {
                        relevant = true
                        continue
                    }
                    if mask & Self.ignored != 0 {
                        folders.removeValue(forKey: wd)
                        continue
                    }
                    if mask & (Self.deleteSelf | Self.moveSelf) != 0 {
                        relevant = true
                        continue
                    }
                    guard !name.hasPrefix(".") else { continue }
                    relevant = true
                    if mask & Self.isDirectory != 0, mask & (Self.create | Self.movedTo) != 0,
                        let parent = folders[wd]
                    {
                        add(parent + "/" + name)
                    }
                }
            }
        }
    }
#endif
