// Linux (Debian) only: the POSIX calls below are Glibc's by name.
import Glibc

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

    /// The whole file's bytes.
    static func read(_ path: String) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        var capacity = 64 * 1024
        if fstat(fd, &info) == 0, info.st_size > 0 { capacity = Int(info.st_size) + 1 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, errno: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }
}

/// A failed file-system call: the path and the system's reason.
public struct FileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let code: Int32

    init(path: String, errno code: Int32) {
        self.path = path
        self.code = code
    }

    /// The system's message for the error number, e.g. "Permission denied".
    public var reason: String { FileSystem.message(for: code) }
    public var description: String { "\(path): \(reason)" }
}
