/// Part 1: the app's routes, its watch page, and every route served over TCP by lab 02's
/// server with the right Content-Type, Range on media, and nothing from outside the root.
import Lab09Capstone
import NetLabKit
import NetLabTesting
import Testing

@Suite("App routes", .serialized)
struct AppRouteTests {
    static let cases: [(String, AppRoute)] = [
        ("/", AppRoute.home), ("/index.html", .home), ("/?from=mail", .home),
        ("/watch?v=intro", .watch(id: "intro")), ("/watch?t=3&v=a_B-9", .watch(id: "a_B-9")),
        ("/watch?v=", .notFound), ("/watch", .notFound), ("/watch?v=../etc", .notFound),
        ("/watch?v=a%2Fb", .notFound), ("/watch?v=\(String(repeating: "x", count: 65))", .notFound),
        ("/watch?v=\(String(repeating: "x", count: 64))", .watch(id: String(repeating: "x", count: 64))),
        // Every end of the allowed ranges (0-9, A-Z, a-z), and the character just past each.
        ("/watch?v=09AZaz_-", .watch(id: "09AZaz_-")), ("/watch?v=a:b", .notFound), ("/watch?v=a@b", .notFound),
        ("/watch?v=a[b", .notFound), ("/watch?v=a`b", .notFound), ("/watch?v=a{b", .notFound),
        ("/watch?v=a/b", .notFound),
        ("/static/css/app.css", .asset(.static, target: "/css/app.css")),
        ("/static/js/app.js?v=2", .asset(.static, target: "/js/app.js?v=2")),
        ("/media/intro.webm", .asset(.media, target: "/intro.webm")),
        ("/staticfile", .notFound), ("/about", .notFound), ("http://my-app.home/", .notFound), ("*", .notFound),
    ]

    /// One test for all targets: a parser that answers `.notFound` to everything must not
    /// pass the half of them that are not found.
    @Test("Targets go to the right route")
    func routes() {
        for (target, expected) in Self.cases {
            let route = AppRoute.parse(target)
            #expect(route == expected, "target \(target)")
        }
    }

    @Test("The watch page fills in the video's ID and escapes it")
    func watchPage() {
        let page = WatchPage.render("<title>{{title}}</title><video src=\"/media/{{id}}.webm\">{{id}}", id: "intro")
        #expect(page == "<title>intro</title><video src=\"/media/intro.webm\">intro")
        let escaped = WatchPage.escape("<a href=\"x\">'&'</a>")
        #expect(escaped == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }

    @Test("Each route is served over TCP with its content type")
    func servedRoutes() throws {
        let root = try Fixture.appFolder()
        defer { Fixture.remove(root) }
        let server = try AppServerProcess(root: root)
        defer { server.stop() }
        let cases: [(String, Int, String, [UInt8]?)] = [
            ("/", 200, "text/html", Fixture.index),
            ("/static/css/app.css", 200, "text/css", Fixture.css),
            ("/static/js/app.js", 200, "javascript", Fixture.js),
            ("/static/img/logo.png", 200, "image/png", Fixture.logo),
            ("/media/intro.webm", 200, "video/webm", Fixture.video),
        ]
        for (target, status, type, body) in cases {
            let response = try RawResponse.get(target, from: server.http)
            #expect(response.status == status, "\(target): \(response)")
            #expect(response.header("Content-Type")?.contains(type) == true, "\(target): \(response)")
            #expect(response.body == body!, "\(target): \(response.body.count) bytes")
        }
        let watch = try RawResponse.get("/watch?v=intro", from: server.http)
        let text = String(decoding: watch.body, as: UTF8.self)
        #expect(watch.status == 200, "\(watch)")
        #expect(watch.header("Content-Type")?.contains("text/html") == true, "\(watch)")
        #expect(text.contains("<video src=\"/media/intro.webm\">") && text.contains("<title>intro</title>"), "\(text)")
        let head = try RawResponse.get("/static/css/app.css", from: server.http, method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty && head.header("Content-Length") == "\(Fixture.css.count)")
    }

    @Test("Unknown pages, videos and folders are 404, and nothing outside the root is served")
    func notFound() throws {
        let root = try Fixture.appFolder()
        defer { Fixture.remove(root) }
        let server = try AppServerProcess(root: root)
        defer { server.stop() }
        let home = try RawResponse.get("/", from: server.http)
        try #require(home.status == 200, "the home page must work first: \(home)")
        for target in [
            "/watch?v=missing", "/watch?v=..%2Fsecret", "/nothing", "/static/", "/media/",
            "/static/../../secret.txt", "/static/%2e%2e/%2e%2e/secret.txt", "/media/../index.html", "/watch.html",
        ] {
            let response = try RawResponse.get(target, from: server.http)
            #expect([400, 403, 404].contains(response.status), "\(target): \(response)")
            #expect(!String(decoding: response.body, as: UTF8.self).contains("secret"), "\(target) leaked the secret")
        }
        let post = try RawResponse.get("/", from: server.http, method: "POST", headers: ["Content-Length: 0"])
        #expect(post.status == 405, "\(post)")
    }

    @Test("Media answers byte ranges with 206, and an impossible range with 416")
    func mediaRanges() throws {
        let root = try Fixture.appFolder()
        defer { Fixture.remove(root) }
        let server = try AppServerProcess(root: root)
        defer { server.stop() }
        let part = try RawResponse.get("/media/intro.webm", from: server.http, headers: ["Range: bytes=1000-1999"])
        #expect(part.status == 206, "\(part)")
        #expect(part.header("Content-Range") == "bytes 1000-1999/\(Fixture.video.count)", "\(part)")
        #expect(part.body == Array(Fixture.video[1000..<2000]))
        let tail = try RawResponse.get("/media/intro.webm", from: server.http, headers: ["Range: bytes=-100"])
        #expect(tail.status == 206 && tail.body == Array(Fixture.video.suffix(100)), "\(tail)")
        let beyond = try RawResponse.get("/media/intro.webm", from: server.http, headers: ["Range: bytes=999999999-"])
        #expect(beyond.status == 416, "\(beyond)")
    }
}
