#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The plain POSIX file-system calls the loader needs: list a folder, tell files from
/// folders and links, read a file's bytes. Kept small so errors carry `errno` text.
enum FileSystem {
    enum Kind: Sendable { case file, directory, symbolicLink, other, missing }

    /// `path` without a trailing slash (`content/` is `content`); `/` stays as it is.
    static func withoutTrailingSlash(_ path: String) -> String {
        path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
    }

    /// The system's message for an error number (by default the last one), e.g. "Permission denied".
    static func message(for code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// The kind of `path`, without following a final symbolic link.
    static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// The names in a folder (without `.` and `..`), sorted by their UTF-8 bytes.
    static func list(_ path: String) throws(FileError) -> [String] {
        guard let directory = opendir(path) else { throw FileError(path: path, errno: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The largest file read from the content folder: 10 MB, a hundred times the longest
    /// real entry. Larger files are refused from their size alone, before reading, so a
    /// 4 GB or sparse 40 GB file costs nothing.
    static let maximumFileSize = 10 * 1024 * 1024

    /// The whole file's bytes. The file is opened without following a symbolic link and
    /// checked on the open descriptor, so a file swapped for a link or a FIFO between
    /// listing and reading is refused, never followed or waited on.
    static func read(_ path: String, limit: Int = maximumFileSize) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            throw errno == ELOOP
                ? FileError(path: path, reason: "it is a symbolic link; Booklet reads only real files")
                : FileError(path: path, errno: errno)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path: path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FileError(path: path, reason: "it is not a regular file")
        }
        guard info.st_size <= limit else { throw tooLarge(path, size: Int(info.st_size), limit: limit) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(Int(info.st_size), 0) + 1)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { POSIX.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, errno: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            // The file grew while being read.
            if bytes.count > limit { throw tooLarge(path, size: bytes.count, limit: limit) }
        }
        return bytes
    }

    private static func tooLarge(_ path: String, size: Int, limit: Int) -> FileError {
        FileError(
            path: path,
            reason: limit == maximumFileSize
                ? "it is larger than \(maximumFileSize / (1024 * 1024)) MB, the limit for files in the content folder"
                : "it is larger than \(limit / (1024 * 1024)) MB, the limit for attached files and images")
    }

    /// The size in bytes of `path` (not following a final symbolic link), or nil.
    static func size(of path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }
}

/// A failed file-system call: the path and the system's reason.
public struct FileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let code: Int32
    /// Booklet's own reason, for refusals that are not a system error.
    private let detail: String?

    init(path: String, errno code: Int32) {
        self.path = path
        self.code = code
        detail = nil
    }

    /// A refusal with Booklet's own `reason` (a file too large, not a regular file).
    init(path: String, reason: String) {
        self.path = path
        code = 0
        detail = reason
    }

    /// Why: the system's message for the error number, e.g. "Permission denied", or Booklet's.
    public var reason: String { detail ?? FileSystem.message(for: code) }
    public var description: String { "\(path): \(reason)" }
}
