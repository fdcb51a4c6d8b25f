import Testing

@testable import BookletServe

@Suite struct SitePathTests {
    @Test func plainPathsNameSiteFiles() {
        #expect(SitePath.resolve(target: "/") == .folder(""))
        #expect(SitePath.resolve(target: "/index.html") == .file("index.html"))
        #expect(SitePath.resolve(target: "/ground-rules/") == .folder("ground-rules/"))
        #expect(SitePath.resolve(target: "/ground-rules/forum.html?x=1#y") == .file("ground-rules/forum.html"))
        #expect(SitePath.resolve(target: "/search.html?q=../../etc") == .file("search.html"))
        #expect(SitePath.resolve(target: "/a%20b.html") == .file("a b.html"))
        #expect(SitePath.resolve(target: "/caf%C3%A9.html") == .file("café.html"))
    }

    @Test(arguments: [
        "/../etc/passwd", "/a/../index.html", "/./index.html", "/%2e%2e/etc/passwd", "/%2E%2E/%2e%2e/etc/passwd",
        "/.%2e/index.html", "/assets%2f..%2f..%2fetc%2fpasswd", "/assets%2Fbooklet.css", "/..%5cindex.html",
        "/a\\..\\index.html", "/%5c..%5cindex.html", "/%c0%ae%c0%ae/etc/passwd", "/%c0%afetc", "/%e0%80%ae%e0%80%ae/x",
        "/%ed%a0%80.html", "/index.html%00.css", "/a%00", "/%0a.html", "/%7f", "//etc/passwd", "/a//b.html",
        "/%zz.html", "/%2", "index.html", "", "http://example.org/index.html", "*",
    ])
    func traversalAndOddPathsAreInvalid(target: String) {
        #expect(SitePath.resolve(target: target) == .invalid)
    }

    @Test func longPathsAreRefused() {
        let long = "/" + String(repeating: "a", count: SitePath.maximumLength)
        #expect(SitePath.resolve(target: long) == .tooLong)
    }

    @Test func contentTypesSayUTF8ForText() {
        #expect(ContentType.of("index.html") == "text/html; charset=utf-8")
        #expect(ContentType.of("assets/booklet.css") == "text/css; charset=utf-8")
        #expect(ContentType.of("assets/booklet.js") == "text/javascript; charset=utf-8")
        #expect(ContentType.of("search-index.js") == "text/javascript; charset=utf-8")
        #expect(ContentType.of("booklet.txt") == "text/plain; charset=utf-8")
        #expect(ContentType.of("assets/logo.svg") == "image/svg+xml; charset=utf-8")
        #expect(ContentType.of("assets/logo.PNG") == "image/png")
        #expect(ContentType.of("assets/font.woff2") == "font/woff2")
        #expect(ContentType.of("LICENSE") == "application/octet-stream")
    }

    @Test func injectionGoesBeforeTheLastBodyCloseAndEscapesProblems() {
        let snapshot = PreviewSnapshot(
            site: nil, generation: 3, problems: ["content/a.md:2:5: error: bad <b>&\"x\"'"], instance: 7)
        let page = "<!DOCTYPE html><html><body class=\"x\"><p>hi</p></body></html>"
        let out = String(decoding: LivePage.inject(into: Array(page.utf8), snapshot: snapshot, draft: true), as: UTF8.self)
        #expect(out.hasPrefix("<!DOCTYPE html><html><body class=\"x\"><div id=\"booklet-draft-banner\""))
        #expect(out.hasSuffix("</script></body></html>"))
        #expect(out.contains("content/a.md:2:5: error: bad &lt;b&gt;&amp;&quot;x&quot;&#39;"))
        #expect(!out.contains("<b>&"))
        #expect(out.contains("var tag = \"7-3\";"))
        #expect(out.contains("The booklet has 1 error<"))
        // A page without </body> still gets the script, at its end.
        let bare = String(decoding: LivePage.inject(into: Array("<p>x".utf8), snapshot: snapshot, draft: false), as: UTF8.self)
        #expect(bare.hasPrefix("<p>x") && bare.hasSuffix("</script>"))
    }
}
