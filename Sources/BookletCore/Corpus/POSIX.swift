#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The C library's `read` and `write`, by a name that methods called `read` and `write`
/// cannot shadow, on Linux (Glibc) and macOS (Darwin) alike.
enum POSIX {
    /// Reads up to `count` bytes from `fd` into `buffer`; the number read, or -1.
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, buffer, count)
        #else
            Darwin.read(fd, buffer, count)
        #endif
    }

    /// Writes up to `count` bytes of `buffer` to `fd`; the number written, or -1.
    static func write(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(fd, buffer, count)
        #else
            Darwin.write(fd, buffer, count)
        #endif
    }
}
