import BookletCore
import Foundation
import Testing
import XCTest

@testable import BookletServe

#if canImport(Glibc)
    import Glibc
#endif

/// Paths of the repository, found from this file so tests run from any directory.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let templates = root.appendingPathComponent("templates").path
    static let goldenContent = root.appendingPathComponent("Tests/BookletCoreTests/Fixtures/golden-site/content").path
}

/// A copy of the golden-site corpus and the real templates in a fresh temporary folder,
/// removed when the test is done with it.
final class ScratchCorpus: @unchecked Sendable {
    let folder: String
    var content: String { folder + "/content" }
    var templates: String { folder + "/templates" }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "booklet-serve-test-\(getpid())-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.goldenContent, toPath: content)
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: templates)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func read(_ path: String) throws -> String { try String(contentsOfFile: content + "/" + path, encoding: .utf8) }

    /// Writes the file as an editor saving in place.
    func write(_ path: String, _ text: String) throws {
        try text.write(toFile: content + "/" + path, atomically: false, encoding: .utf8)
    }

    /// Writes a temporary file beside it and renames it over the file, as many editors save.
    func saveAtomically(_ path: String, _ text: String) throws {
        let temporary = content + "/" + path + ".tmp~"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, content + "/" + path) == 0 else { throw POSIXError(.EIO) }
    }
}

/// One HTTP response, as read off the socket.
struct RawResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A deliberately plain HTTP/1.1 client on a blocking socket: it sends the request bytes
/// exactly as given (no normalisation of `..` or `%2e`), so traversal attempts reach the
/// server as an attacker would send them.
enum RawHTTP {
    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        return fd
    }

    static func send(_ fd: Int32, _ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw POSIXError(.EPIPE) }
            sent += n
        }
    }

    /// Reads one response (until the connection closes, or Content-Length bytes of body).
    static func receive(_ fd: Int32) throws -> RawResponse {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        var expected: Int?
        var parsed = RawResponse(status: 0, headers: [:], body: [])
        while true {
            if let headerEnd, let expected, data.count - headerEnd >= expected { break }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            data += buffer[0..<n]
            if headerEnd == nil, let end = find([13, 10, 13, 10], in: data) {
                headerEnd = end + 4
                let head = String(decoding: data[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
                let statusParts = head[0].split(separator: " ")
                parsed.status = statusParts.count > 1 ? Int(statusParts[1]) ?? 0 : 0
                for line in head.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    parsed.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                        .trimmingCharacters(in: .whitespaces)
                }
                expected = parsed.headers["content-length"].flatMap { Int($0) }
            }
        }
        guard let headerEnd else { throw POSIXError(.ECONNRESET) }
        parsed.body = Array(data[headerEnd...])
        if let expected, parsed.body.count > expected { parsed.body = Array(parsed.body.prefix(expected)) }
        return parsed
    }

    /// Sends `method target` with `Connection: close` and returns the response.
    static func request(port: Int, _ method: String = "GET", _ target: String, headers: [String] = [])
        throws -> RawResponse
    {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for header in headers { text += header + "\r\n" }
        text += "\r\n"
        return try request(port: port, bytes: Array(text.utf8))
    }

    static func request(port: Int, bytes: [UInt8]) throws -> RawResponse {
        let fd = try connect(port: port)
        defer { close(fd) }
        try send(fd, bytes)
        return try receive(fd)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i..<i + needle.count].elementsEqual(needle) {
            return i
        }
        return nil
    }
}

/// Runs blocking work on a thread of its own, so the server's tasks keep the
/// cooperative pool (two threads on a two-core machine) to themselves.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

/// Lines a server printed, for assertions.
final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var console: LiveServer.Console {
        LiveServer.Console(out: { self.append($0) }, error: { self.append($0) })
    }

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// Polls `condition` every 25 ms until it holds or `limit` passes; returns the time taken.
func eventually(
    within limit: Duration, _ condition: @escaping @Sendable () async throws -> Bool
) async throws -> Duration? {
    let clock = ContinuousClock()
    let start = clock.now
    while clock.now - start < limit {
        if try await condition() { return clock.now - start }
        try await Task.sleep(for: .milliseconds(25))
    }
    return nil
}

/// `XCTAssert` for a value computed before the call, so it may be awaited
/// (`check(try await page.contains(...))`).
func check(
    _ condition: Bool, _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertTrue(condition, message(), file: file, line: line)
}

/// `XCTUnwrap` for a value computed before the call.
func require<T>(_ value: T?, file: StaticString = #filePath, line: UInt = #line) throws -> T {
    try XCTUnwrap(value, file: file, line: line)
}
