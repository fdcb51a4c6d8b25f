import BookletCore

/// What the preview adds to the HTML it serves (never to the built site): the reload
/// script, the list of a failed build's problems over the last good page, the draft banner,
/// and the pages it answers with itself (no site yet, not found).
enum LivePage {
    /// The WebSocket address pages listen on for new builds.
    static let socketPath = "/__booklet/live"
    /// A small JSON status (`{"generation":3,"ok":true}`), for tests and the benchmark.
    static let statusPath = "/__booklet/status"

    /// `html` with the preview's additions: the banner after `<body…>`, the problems and the
    /// script before `</body>` (or at the end when a page has none).
    static func inject(into html: [UInt8], snapshot: PreviewSnapshot, draft: Bool) -> [UInt8] {
        var page = html
        if draft, let bodyEnd = endOfBodyTag(in: page) {
            page.insert(contentsOf: Array(draftBanner.utf8), at: bodyEnd)
        }
        let tail = Array((problemsBox(snapshot.problems) + script(snapshot)).utf8)
        if let close = lastIndex(of: Array("</body>".utf8), in: page) {
            page.insert(contentsOf: tail, at: close)
        } else {
            page += tail
        }
        return page
    }

    /// The page served for every HTML address while no build has succeeded yet.
    static func problemsPage(_ snapshot: PreviewSnapshot) -> [UInt8] {
        Array(
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>The booklet has errors</title></head><body style="margin:0;background:#f4f1ea">
            \(problemsBox(snapshot.problems, overlay: false))\(script(snapshot))</body></html>

            """.utf8)
    }

    /// The page for an address the site does not have.
    static func notFoundPage(_ snapshot: PreviewSnapshot) -> [UInt8] {
        Array(
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
            <body style="font:16px/1.5 system-ui,sans-serif;margin:2rem"><h1>Not found</h1>
            <p>The booklet has no page at this address. <a href="/index.html">Go to the cover</a>.</p>
            \(problemsBox(snapshot.problems))\(script(snapshot))</body></html>

            """.utf8)
    }

    static let draftBanner = """
        <div id="booklet-draft-banner" role="note" style="position:sticky;top:0;z-index:2147483646;\
        background:#fff3bf;color:#3d2e00;border-bottom:2px solid #9a7400;padding:.5rem 1rem;\
        font:600 1rem/1.4 system-ui,sans-serif;text-align:center">Draft: this entry says \
        <code>draft: true</code>, so <code>booklet build</code> leaves it out of the booklet. \
        Only the preview shows it.</div>
        """

    /// The box listing each problem, or nothing when there are none. Over a page it covers
    /// the window (the last good page stays behind it, and a button shows it).
    static func problemsBox(_ problems: [String], overlay: Bool = true) -> String {
        guard !problems.isEmpty else { return "" }
        let errors = problems.count(where: { $0.contains(": error: ") })
        let count = errors > 0 ? errors : problems.count
        let noun = errors > 0 ? (count == 1 ? "error" : "errors") : (count == 1 ? "problem" : "problems")
        let items = problems.map {
            "<li style=\"padding:.45rem 0;border-bottom:1px solid #d9d4c7;white-space:pre-wrap;overflow-wrap:anywhere\">\(escape($0))</li>"
        }.joined()
        let frame =
            overlay
            ? "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.6);overflow:auto;"
            : ""
        let button =
            overlay
            ? """
            <p style="margin:1rem 0 0"><button type="button" onclick="document.getElementById('booklet-problems').remove()" \
            style="font:inherit;padding:.4rem .9rem;border:1px solid #5a5a5a;border-radius:4px;background:#fff;color:#1a1a1a;\
            cursor:pointer">Show the last good version</button></p>
            """ : ""
        return """
            <div id="booklet-problems" role="alert" style="\(frame)font:16px/1.5 system-ui,sans-serif;padding:1rem">\
            <div style="max-width:64rem;margin:1.5rem auto;background:#fff;color:#1a1a1a;border-top:6px solid #b00020;\
            padding:1.25rem 1.75rem;box-shadow:0 4px 24px rgba(0,0,0,.35)">\
            <h2 style="margin:0 0 .5rem;color:#9b001c;font-size:1.35rem">The booklet has \(count) \(noun)</h2>\
            <p style="margin:0 0 .75rem">Open the file at the line and column shown, fix what the message says, and \
            save: this page comes back by itself. \(overlay ? "Behind this box is the last version that built." : "")</p>\
            <ul style="list-style:none;margin:0;padding:0;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace">\
            \(items)</ul>\(button)</div></div>
            """
    }

    /// The reload script: it listens for new builds and reloads the page, keeping its
    /// scroll position in `sessionStorage`; when the server is away it tries again.
    static func script(_ snapshot: PreviewSnapshot) -> String {
        """
        <script id="booklet-live">(function () {
          var tag = "\(PreviewState.tag(snapshot))";
          var key = "booklet-scroll:" + location.pathname;
          var saved = null;
          try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) {}
          if (saved) {
            var xy = saved.split(",");
            var restore = function () { window.scrollTo(Number(xy[0]) || 0, Number(xy[1]) || 0); };
            if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
          }
          var delay = 200;
          function connect() {
            var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "\(socketPath)");
            socket.onopen = function () { delay = 200; };
            socket.onmessage = function (event) {
              if (event.data === tag) return;
              try { sessionStorage.setItem(key, window.scrollX + "," + window.scrollY); } catch (e) {}
              socket.onclose = null;
              location.reload();
            };
            socket.onclose = function () { setTimeout(connect, delay); delay = Math.min(delay * 2, 2000); };
          }
          connect();
        })();</script>
        """
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// The index just after the `>` of the first `<body…>` tag.
    static func endOfBodyTag(in page: [UInt8]) -> Int? {
        guard let start = firstIndex(of: Array("<body".utf8), in: page) else { return nil }
        guard let close = page[start...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        return close + 1
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], haystack[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i] == needle[0], haystack[i..<i + needle.count].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}
