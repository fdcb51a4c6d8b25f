import BookletCore
import FlyingFox
import Foundation

/// Answers every request from the preview's current snapshot: site files from memory
/// (HTML with the reload script added), the reload socket, and a small status.
struct PreviewHandler: HTTPHandler {
    let state: PreviewState

    /// Request headers larger than this in all (names and values) are refused with 431.
    static let maximumHeaderBytes = 8 * 1024
    /// More request headers than this are refused with 431.
    static let maximumHeaderCount = 64

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let target = request.target.rawValue
        var headerBytes = 0
        var headerCount = 0
        for (name, value) in request.headers {
            headerBytes += name.rawValue.utf8.count + value.utf8.count
            headerCount += 1
        }
        if headerBytes > Self.maximumHeaderBytes || headerCount > Self.maximumHeaderCount {
            return plain(.init(431, phrase: "Request Header Fields Too Large"), "request headers too large\n")
        }
        guard request.method == .GET || request.method == .HEAD else {
            var response = plain(.methodNotAllowed, "only GET and HEAD are allowed\n")
            response.headers[HTTPHeader("Allow")] = "GET, HEAD"
            return response
        }
        let path = SitePath.resolve(target: target)
        if path == .file(String(LivePage.socketPath.dropFirst())), request.method == .GET {
            return try await WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: LiveSocket(state: state)))
                .handleRequest(request)
        }
        let snapshot = await state.current
        if path == .file(String(LivePage.statusPath.dropFirst())) {
            let body = "{\"generation\":\(snapshot.generation),\"ok\":\(snapshot.problems.isEmpty),\"site\":\(snapshot.site != nil)}\n"
            return respond(request, .ok, type: "application/json; charset=utf-8", Array(body.utf8))
        }
        let key: String
        switch path {
        case .tooLong:
            return plain(.init(414, phrase: "URI Too Long"), "address too long\n")
        case .invalid:
            return respond(request, .notFound, type: ContentType.html, LivePage.notFoundPage(snapshot))
        case .folder(let folder):
            key = folder + "index.html"
        case .file(let file):
            key = file
        }
        guard let site = snapshot.site else {
            // No build has succeeded yet: every page is the list of problems.
            return respond(
                request, .init(503, phrase: "Service Unavailable"), type: ContentType.html,
                LivePage.problemsPage(snapshot))
        }
        guard let bytes = await site.file(key) else {
            if case .file(let file) = path, !file.isEmpty, site.files[file + "/index.html"] != nil {
                var response = HTTPResponse(statusCode: .movedPermanently)
                response.headers[.location] = "/" + Self.percentEncoded(file) + "/"
                response.headers[.cacheControl] = "no-store"
                return response
            }
            return respond(request, .notFound, type: ContentType.html, LivePage.notFoundPage(snapshot))
        }
        let type = ContentType.of(key)
        if type.hasPrefix("text/html") {
            return respond(
                request, .ok, type: type,
                LivePage.inject(into: bytes, snapshot: snapshot, draft: site.draftPages.contains(key)))
        }
        return respond(request, .ok, type: type, bytes)
    }

    /// A response with `body`, or only its headers for HEAD.
    private func respond(_ request: HTTPRequest, _ status: HTTPStatusCode, type: String, _ body: [UInt8])
        -> HTTPResponse
    {
        var headers = HTTPHeaders()
        headers[.contentType] = type
        headers[.contentLength] = String(body.count)
        headers[.cacheControl] = "no-store"
        headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
        headers[HTTPHeader("Referrer-Policy")] = "no-referrer"
        return HTTPResponse(statusCode: status, headers: headers, body: request.method == .HEAD ? Data() : Data(body))
    }

    private func plain(_ status: HTTPStatusCode, _ text: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.connection] = "close"
        return HTTPResponse(statusCode: status, headers: headers, body: Data(text.utf8))
    }

    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(UnicodeScalar(hex[Int(byte >> 4)])) + String(UnicodeScalar(hex[Int(byte & 15)]))
            }
        }
        return out
    }
}

/// The reload socket: sends the current build's tag, then each new one.
struct LiveSocket: WSMessageHandler {
    let state: PreviewState

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (id, tags) = await state.subscribe()
        let state = self.state
        return AsyncStream { continuation in
            let sender = Task {
                for await tag in tags { continuation.yield(.text(tag)) }
                continuation.finish()
            }
            let reader = Task {
                for await _ in client {}
                // The page went away.
                sender.cancel()
                await state.unsubscribe(id)
            }
            continuation.onTermination = { _ in
                sender.cancel()
                reader.cancel()
                Task { await state.unsubscribe(id) }
            }
        }
    }
}
