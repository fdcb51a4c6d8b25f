import BookletCore
import Foundation
import XCTest

@testable import BookletServe

#if canImport(Glibc)
    import Glibc
#endif

/// The live preview end to end: a server started in-process on a free port, real HTTP
/// requests over the loopback, real saves into a scratch copy of a corpus.
///
/// XCTest, not Swift Testing, on purpose: `swift test` runs XCTest's tests first and on
/// their own, so the server's timing (an edit within 2 s) is not measured while the
/// CPU-heavy suites share the machine's two cores and its task pool.
final class ServeIntegrationTests: XCTestCase {
    /// Starts a server on a scratch corpus; the caller stops it.
    static func start(
        _ corpus: ScratchCorpus, drafts: Bool = true, polling: Bool = false, transcript: Transcript = Transcript()
    ) async throws -> (LiveServer, Int) {
        let server = LiveServer(
            .init(
                contentPath: corpus.content, templatesPath: corpus.templates, port: 0, drafts: drafts,
                polling: polling),
            console: transcript.console)
        try await server.start()
        let port = try require(await server.port)
        return (server, port)
    }

    static func get(_ port: Int, _ target: String, method: String = "GET", headers: [String] = []) async throws
        -> RawResponse
    {
        try await offPool { try RawHTTP.request(port: port, method, target, headers: headers) }
    }

    func testServesPagesFromMemoryWithTheReloadScriptOnlyInHTML() async throws {
        let corpus = try ScratchCorpus()
        let transcript = Transcript()
        let (server, port) = try await Self.start(corpus, transcript: transcript)
        defer { Task { await server.stop() } }

        let page = try await Self.get(port, "/basics/first-steps.html")
        check(page.status == 200)
        check(page.headers["content-type"] == "text/html; charset=utf-8")
        check(page.headers["cache-control"] == "no-store")
        check(page.text.contains("<h1"))
        check(page.text.contains("First steps"))
        check(page.text.contains("<script id=\"booklet-live\">"))
        check(page.headers["content-length"] == String(page.body.count))

        let cover = try await Self.get(port, "/")
        check(cover.status == 200 && cover.text.contains("booklet-live"))

        let css = try await Self.get(port, "/assets/booklet.css")
        check(css.status == 200)
        check(css.headers["content-type"] == "text/css; charset=utf-8")
        check(!css.text.contains("booklet-live"))
        let text = try await Self.get(port, "/booklet.txt")
        check(text.headers["content-type"] == "text/plain; charset=utf-8")
        check(!text.text.contains("booklet-live"))

        // The served bytes are the built site's, plus the script: nothing else changes.
        var sink = MemorySink()
        _ = try await Pipeline(.init(contentPath: corpus.content, templatesPath: corpus.templates)).run(into: &sink)
        let built = try require(sink.text("basics/first-steps.html"))
        check(!built.contains("booklet-live"))
        check(css.body == sink.files["assets/booklet.css"])
        let withoutScript = page.text.replacingOccurrences(
            of: #"<script id="booklet-live">[\s\S]*</script>"#, with: "", options: .regularExpression)
        check(withoutScript == built)

        // The whole-book files are rendered when first asked for, from the same build, and
        // are the built files (print.html plus the script).
        check(text.body == sink.files["booklet.txt"])
        let book = try await Self.get(port, "/booklet.epub")
        check(book.status == 200 && book.body == sink.files["booklet.epub"])
        check(book.headers["content-type"] == "application/epub+zip")
        let print = try await Self.get(port, "/print.html")
        let printed = print.text.replacingOccurrences(
            of: #"<script id="booklet-live">[\s\S]*</script>"#, with: "", options: .regularExpression)
        check(print.status == 200 && printed == sink.text("print.html"))

        check(transcript.all.contains { $0.hasPrefix("Built 3 entries, ") })
    }

    func testARebuildLeavesTheWholeBookFilesUntilTheyAreAskedFor() async throws {
        var sink = MemorySink()
        let corpus = try ScratchCorpus()
        let report = try await Pipeline(
            .init(contentPath: corpus.content, templatesPath: corpus.templates, deferWholeBook: true)
        ).run(into: &sink)
        check(report.succeeded)
        check(sink.files["basics/first-steps.html"] != nil)
        for path in ["print.html", "booklet.txt", "booklet.epub"] {
            check(sink.files[path] == nil, path)
            check(report.onRequest?.paths.contains(path) == true, path)
        }
        let rendered = await report.onRequest?.render("booklet.txt")
        var full = MemorySink()
        _ = try await Pipeline(.init(contentPath: corpus.content, templatesPath: corpus.templates)).run(into: &full)
        check(rendered?.files["booklet.txt"] == full.files["booklet.txt"])
        check(rendered?.diagnostics.isEmpty == true)
        let none = await report.onRequest?.render("index.html")
        check(none == nil)
    }

    func testAnEditShowsWithinTwoSecondsAndErrorsComeAndGo() async throws {
        let corpus = try ScratchCorpus()
        let transcript = Transcript()
        let (server, port) = try await Self.start(corpus, transcript: transcript)
        defer { Task { await server.stop() } }
        let original = try corpus.read("basics/quiet.md")

        // An edit saved in place shows in the next response within 2 s.
        try corpus.write("basics/quiet.md", original + "\nA freshly written sentence about owls.\n")
        let shown = try await eventually(within: .seconds(2)) {
            try await Self.get(port, "/basics/quiet.html").text.contains("A freshly written sentence about owls.")
        }
        check(shown != nil, "the edit did not show within 2 s")

        // An atomic save (temporary file renamed over it) too.
        try corpus.saveAtomically("basics/quiet.md", original + "\nRenamed into place: herons.\n")
        check(
            try await eventually(within: .seconds(2)) {
                try await Self.get(port, "/basics/quiet.html").text.contains("herons")
            } != nil)

        // A broken edit: the page lists the error, with file, line and column, over the
        // last good version, which stays served behind it.
        let broken = original.replacingOccurrences(of: "Because [listening]", with: "Because [listening](topics:listning) and [listening]")
        try corpus.write("basics/quiet.md", broken)
        let failing = try await eventually(within: .seconds(2)) {
            try await Self.get(port, "/basics/quiet.html").text.contains("id=\"booklet-problems\"")
        }
        check(failing != nil)
        let errorPage = try await Self.get(port, "/basics/quiet.html")
        check(errorPage.status == 200)
        let location = corpus.content + "/basics/quiet.md:11:"
        check(errorPage.text.contains(location))
        check(errorPage.text.contains(": error: unknown topics term &#39;listning&#39;; did you mean &#39;listening&#39;?"))
        check(errorPage.text.contains("herons"), "the last good version stays behind the problems")
        // Every page shows them, and the terminal printed them as `booklet build` does.
        check(try await Self.get(port, "/").text.contains("id=\"booklet-problems\""))
        check(transcript.all.contains { $0.hasPrefix(location) && $0.contains(": error: unknown topics term 'listning'") })
        check(transcript.all.contains("1 error, 0 warnings"))
        let status = try await Self.get(port, "/__booklet/status")
        check(status.text.contains("\"ok\":false"))

        // Fixing the file brings the page back.
        try corpus.write("basics/quiet.md", original + "\nFixed: kingfishers.\n")
        let fixed = try await eventually(within: .seconds(2)) {
            let page = try await Self.get(port, "/basics/quiet.html").text
            return page.contains("kingfishers") && !page.contains("booklet-problems")
        }
        check(fixed != nil)

        // A new entry file in a new state of a section appears; a deleted one goes.
        try corpus.write("basics/owls.md", "---\ntitle: Owls\n---\nOwls are quiet.\n")
        check(
            try await eventually(within: .seconds(2)) { try await Self.get(port, "/basics/owls.html").status == 200 }
                != nil)
        try FileManager.default.removeItem(atPath: corpus.content + "/basics/owls.md")
        check(
            try await eventually(within: .seconds(2)) { try await Self.get(port, "/basics/owls.html").status == 404 }
                != nil)
    }

    func testACorpusThatNeverBuiltServesTheProblemsPage() async throws {
        let corpus = try ScratchCorpus()
        try corpus.write("taxonomy.yml", "sections:\n\t- id: basics\n")
        let (server, port) = try await Self.start(corpus)
        defer { Task { await server.stop() } }
        let page = try await Self.get(port, "/index.html")
        check(page.status == 503)
        check(page.text.contains("taxonomy.yml:2:1: error: YAML does not allow tabs for indentation; use spaces"))
        check(page.text.contains("booklet-live"))
    }

    static let traversalTargets = [
        "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/basics/..%2f..%2fbooklet.yml", "/assets%2fbooklet.css", "/..%5c..%5cetc%5cpasswd", "/basics\\..\\index.html",
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/%c0%af", "/index.html%00", "/index.html%00.css", "/./index.html",
        "/basics/../index.html", "//etc/passwd", "/content/booklet.yml", "/booklet.yml", "/templates/html/layout.mustache",
        "/assets/", "/basics/nope.html", "/assets/escape.css",
    ]

    func testTraversalAndMissingPathsGet404() async throws {
        let corpus = try ScratchCorpus()
        // A symbolic link in the assets pointing out of the site is never served.
        try FileManager.default.createSymbolicLink(
            atPath: corpus.templates + "/assets/escape.css", withDestinationPath: "/etc/passwd")
        let (server, port) = try await Self.start(corpus)
        defer { Task { await server.stop() } }
        for target in Self.traversalTargets {
            let response = try await Self.get(port, target)
            check(response.status == 404, "\(target) gave \(response.status)")
            check(response.headers["content-type"] == "text/html; charset=utf-8", target)
            check(!response.text.contains("root:"), target)
            check(!response.text.contains("title: "), target)
        }
    }

    func testRawNonUTF8AndOversizedRequestsAreRefused() async throws {
        let corpus = try ScratchCorpus()
        let (server, port) = try await Self.start(corpus)
        defer { Task { await server.stop() } }
        let long = "/" + String(repeating: "a", count: 3000)
        check(try await Self.get(port, long).status == 414)
        let big = try await Self.get(port, "/index.html", headers: ["X-Filler: " + String(repeating: "b", count: 9000)])
        check(big.status == 431)
        let many = try await Self.get(port, "/index.html", headers: (0..<100).map { "X-H\($0): v" })
        check(many.status == 431)
        // Raw overlong UTF-8 bytes in the request line: never a file (refused or 404).
        let raw = Array("GET /".utf8) + [0xC0, 0xAE, 0xC0, 0xAE] + Array("/etc/passwd HTTP/1.1\r\nConnection: close\r\n\r\n".utf8)
        let answer: RawResponse?
        do { answer = try await offPool { try RawHTTP.request(port: port, bytes: raw) } } catch { answer = nil }
        check(answer == nil || answer?.status == 404 || answer?.status == 400)

        // The server is still there.
        check(try await Self.get(port, "/index.html").status == 200)
    }

    func testOnlyGetAndHeadAreAllowedAndFoldersListNothing() async throws {
        let corpus = try ScratchCorpus()
        let (server, port) = try await Self.start(corpus)
        defer { Task { await server.stop() } }
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"] {
            let response = try await Self.get(port, "/index.html", method: method)
            check(response.status == 405, "\(method)")
            check(response.headers["allow"] == "GET, HEAD")
        }
        // A method HTTP does not define is turned away by FlyingFox's router before
        // Booklet's handler sees it: 404, never the file.
        let odd = try await Self.get(port, "/index.html", method: "PROPFIND")
        check(odd.status == 404)
        check(!odd.text.contains("booklet-live\">(function"))
        let get = try await Self.get(port, "/basics/first-steps.html")
        let head = try await Self.get(port, "/basics/first-steps.html", method: "HEAD")
        check(head.status == 200)
        check(head.body.isEmpty)
        check(head.headers["content-length"] == String(get.body.count))
        check(head.headers["content-type"] == "text/html; charset=utf-8")

        // A folder serves its index.html when the site has one; otherwise 404, no listing.
        check(try await Self.get(port, "/basics/").status == 200)
        let redirect = try await Self.get(port, "/basics")
        check(redirect.status == 301)
        check(redirect.headers["location"] == "/basics/")
        check(try await Self.get(port, "/assets/").status == 404)
        check(try await Self.get(port, "/topics/").status == 200)
    }

    func testTwoHundredConcurrentRequestsAreAllAnswered() async throws {
        let corpus = try ScratchCorpus()
        let (server, port) = try await Self.start(corpus)
        defer { Task { await server.stop() } }
        let expected = try await Self.get(port, "/basics/first-steps.html").body
        let css = try await Self.get(port, "/assets/booklet.css").body
        let results = try await offPool { () -> [RawResponse] in
            // Open all 200 connections, then send every request, then read every answer:
            // the server holds 200 requests at once.
            var sockets: [Int32] = []
            defer { for fd in sockets { close(fd) } }
            for _ in 0..<200 { sockets.append(try RawHTTP.connect(port: port)) }
            for (index, fd) in sockets.enumerated() {
                let target = index % 2 == 0 ? "/basics/first-steps.html" : "/assets/booklet.css"
                try RawHTTP.send(
                    fd, Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
            }
            return try sockets.map { try RawHTTP.receive($0) }
        }
        check(results.count == 200)
        for (index, response) in results.enumerated() {
            check(response.status == 200)
            check(response.body == (index % 2 == 0 ? expected : css))
        }
    }

    func testDraftsShowWithABannerUnlessAskedNot() async throws {
        let corpus = try ScratchCorpus()
        try corpus.write("basics/unfinished.md", "---\ntitle: Unfinished\ndraft: true\n---\nNot yet.\n")
        let transcript = Transcript()
        let (server, port) = try await Self.start(corpus, transcript: transcript)
        let page = try await Self.get(port, "/basics/unfinished.html")
        check(page.status == 200)
        check(page.text.contains("id=\"booklet-draft-banner\""))
        check(!(try await Self.get(port, "/basics/first-steps.html").text.contains("booklet-draft-banner")))
        check(transcript.all.contains { $0.hasPrefix("Built 4 entries (1 draft shown), ") })

        // A published entry linking to a draft is still an error, as in `booklet build`.
        let first = try corpus.read("basics/first-steps.md")
        try corpus.write("basics/first-steps.md", first + "\nSee [the draft](unfinished.md).\n")
        check(
            try await eventually(within: .seconds(2)) {
                try await Self.get(port, "/basics/first-steps.html").text.contains(
                    "entry &#39;basics/unfinished&#39; is a draft (draft: true) and is not published")
            } != nil)
        await server.stop()

        try corpus.write("basics/first-steps.md", first)
        let (hidden, hiddenPort) = try await Self.start(corpus, drafts: false, transcript: transcript)
        defer { Task { await hidden.stop() } }
        check(try await Self.get(hiddenPort, "/basics/unfinished.html").status == 404)
        check(transcript.all.contains { $0.hasPrefix("Built 3 entries (1 draft skipped), ") })
    }

    func testPollingModeRebuildsToo() async throws {
        let corpus = try ScratchCorpus()
        let (server, port) = try await Self.start(corpus, polling: true)
        defer { Task { await server.stop() } }
        try corpus.write("basics/quiet.md", try corpus.read("basics/quiet.md") + "\nPolled: wrens.\n")
        check(
            try await eventually(within: .seconds(3)) {
                try await Self.get(port, "/basics/quiet.html").text.contains("wrens")
            } != nil)
    }

    func testATakenPortMovesToTheNextAndSaysSo() async throws {
        let corpus = try ScratchCorpus()
        let (first, port) = try await Self.start(corpus)
        defer { Task { await first.stop() } }
        let transcript = Transcript()
        let second = LiveServer(
            .init(contentPath: corpus.content, templatesPath: corpus.templates, port: port),
            console: transcript.console)
        try await second.start()
        defer { Task { await second.stop() } }
        let secondPort = try require(await second.port)
        check(secondPort > port)
        check(transcript.all.contains("Port \(port) is in use; serving on port \(secondPort) instead."))
        check(try await Self.get(secondPort, "/index.html").status == 200)
    }

    func testStoppingClosesEverythingAndWritesNothing() async throws {
        let corpus = try ScratchCorpus()
        let before = FolderSnapshot.take([corpus.folder])
        let (server, port) = try await Self.start(corpus)
        check(try await Self.get(port, "/index.html").status == 200)
        await server.stop()
        await server.waitUntilStopped()
        let refused = try? await offPool { try RawHTTP.connect(port: port) }
        if let refused { close(refused) }
        check(refused == nil, "the port still accepts connections")
        check(FolderSnapshot.take([corpus.folder]) == before, "serve wrote into the corpus folder")
    }

    func testAHostOtherThanLoopbackIsAWarning() {
        for host in ["127.0.0.1", "127.0.0.2", "::1", "localhost"] {
            XCTAssertNil(LiveServer.exposureWarning(host: host), host)
        }
        for host in ["0.0.0.0", "::", "192.168.1.20"] {
            let warning = LiveServer.exposureWarning(host: host)
            XCTAssertEqual(
                warning,
                "warning: listening on \(host): anyone on your network can open the booklet; use --host 127.0.0.1 to keep it on this computer"
            )
        }
    }

    func testMissingFoldersAreUsageErrors() async throws {
        let server = LiveServer(
            .init(contentPath: "/nonexistent/content", templatesPath: Repository.templates, port: 0),
            console: .silent)
        do {
            try await server.start()
            XCTFail("a missing content folder started a server")
        } catch {
            check(error.message == "/nonexistent/content: no such folder")
        }
        let badHost = try ScratchCorpus()
        let other = LiveServer(
            .init(contentPath: badHost.content, templatesPath: badHost.templates, host: "example.org", port: 0),
            console: .silent)
        do {
            try await other.start()
            XCTFail("a host name that is not an address started a server")
        } catch {
            check(error.message.contains("is not an IP address"))
        }
    }
}
