#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the polling watcher compares: every file and folder under some roots, with the
/// facts of `lstat` that change when a file is saved, replaced, renamed or removed.
/// Names starting with `.` are left out, as the content loader leaves them out (editors'
/// swap and backup files, `.DS_Store`); symbolic links are recorded but not followed.
public struct FolderSnapshot: Equatable, Sendable {
    /// One file's facts.
    public struct Stamp: Equatable, Sendable {
        var kind: UInt32
        var size: Int64
        var modified: Int64
        var changed: Int64
        var inode: UInt64
    }

    /// Path → stamp, for every path found.
    public private(set) var stamps: [String: Stamp] = [:]

    /// Walks each root (at most `limit` entries in all, so a huge folder cannot stall it).
    public static func take(_ roots: [String], limit: Int = 200_000) -> FolderSnapshot {
        var snapshot = FolderSnapshot()
        for root in roots { snapshot.walk(root, budget: limit) }
        return snapshot
    }

    /// The paths added, removed or changed from `old` to `self`, sorted.
    public func changes(since old: FolderSnapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in stamps where old.stamps[path] != stamp { changed.append(path) }
        for path in old.stamps.keys where stamps[path] == nil { changed.append(path) }
        return changed.sorted()
    }

    private mutating func walk(_ root: String, budget: Int) {
        var pending = [root]
        while let path = pending.popLast(), stamps.count < budget {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let kind = UInt32(info.st_mode) & UInt32(S_IFMT)
            #if canImport(Darwin)
                let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
                let changedAt = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
            #else
                let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                let changedAt = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
            #endif
            // A folder's own times change when anything inside it does, hidden files too;
            // what is inside is compared path by path instead.
            let isFolder = kind == UInt32(S_IFDIR)
            stamps[path] = Stamp(
                kind: kind, size: isFolder ? 0 : Int64(info.st_size), modified: isFolder ? 0 : modified,
                changed: isFolder ? 0 : changedAt, inode: UInt64(info.st_ino))
            guard kind == UInt32(S_IFDIR), let directory = opendir(path) else { continue }
            defer { closedir(directory) }
            var names: [String] = []
            while let item = readdir(directory) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                names.append(name)
            }
            for name in names.sorted().reversed() { pending.append(path + "/" + name) }
        }
    }
}
