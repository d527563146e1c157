import Foundation
import Lab02HTTP
import NetLabKit
import Testing

/// What is wrong with the nesting of `html`'s tags, or nil if every tag is closed in order.
/// Void elements (`meta`, `br`, `img`…) and `<!DOCTYPE>` need no closing tag.
private func htmlNestingProblem(_ html: String) -> String? {
    let void: Set<String> = ["meta", "br", "img", "link", "hr", "input"]
    var open: [String] = []
    for match in html.matches(of: #/<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*>/#) {
        let name = match.output.2.lowercased()
        if void.contains(name) { continue }
        if match.output.1.isEmpty {
            open.append(name)
        } else if open.last == name {
            open.removeLast()
        } else {
            return "</\(name)> closes <\(open.last ?? "nothing")>"
        }
    }
    return open.isEmpty ? nil : "never closed: \(open.map { "<\($0)>" }.joined(separator: " "))"
}

@Suite("Part 6: directory listings and safety")
struct DirectorySafetyTests {
    @Test("a directory with index.html serves it")
    func servesIndex() throws {
        let site = try Site()
        try site.write("index.html", "<h1>home</h1>")
        try site.write("docs/index.html", "<h1>docs</h1>")
        let server = try RunningServer(site: site)
        let home = try server.get("/")
        #expect(home.text == "<h1>home</h1>", "GET / with an index.html:\n\(home)")
        let docs = try server.get("/docs/")
        #expect(docs.text == "<h1>docs</h1>", "GET /docs/ with a docs/index.html:\n\(docs)")
        #expect(docs.mediaType == "text/html")
    }

    @Test("a directory without a trailing slash redirects to it with 301")
    func redirectsToSlash() throws {
        let site = try Site()
        try site.write("docs/a.txt", "a")
        let server = try RunningServer(site: site)
        let reply = try server.get("/docs")
        #expect(reply.status == 301)
        #expect(reply.header("Location") == "/docs/", "relative links in the listing only work under /docs/")
    }

    @Test("a directory without index.html gets an HTML listing, sorted, with sizes and dates")
    func listing() throws {
        let site = try Site()
        try site.write("files/zebra.txt", "12345")
        try site.write("files/apple.txt", "123")
        try site.write("files/mango/inner.txt", "x")
        try site.setModified("files/apple.txt", 784_111_777)
        let server = try RunningServer(site: site)
        let reply = try server.get("/files/")
        #expect(reply.status == 200)
        #expect(reply.mediaType == "text/html")
        let html = reply.text
        let positions = ["apple.txt", "mango/", "zebra.txt"].map { html.range(of: ">\($0)<")?.lowerBound }
        #expect(
            positions.allSatisfy { $0 != nil },
            "each entry shows as a link text '>name<' (folders with a trailing '/'):\n\(html)")
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted(), "entries are sorted by name:\n\(html)")
        #expect(
            html.contains("href=\"./apple.txt\"") || html.contains("href=\"apple.txt\""),
            "links are relative to the folder")
        #expect(html.contains(">3<") && html.contains(">5<"), "sizes in bytes appear in their own cells")
        #expect(html.contains("1994-11-06"), "modification dates appear (apple.txt: 1994-11-06)")
    }

    @Test("the listing is well-formed HTML: every tag closed, a title, one row of three cells per entry")
    func listingIsWellFormed() throws {
        let site = try Site()
        try site.write("a&b/one.txt", "1")
        try site.write("a&b/two.txt", "22")
        try site.setModified("a&b/two.txt", 784_111_777)
        try site.write("top.txt", "top")
        let server = try RunningServer(site: site)
        let reply = try server.get("/a%26b/")
        #expect(reply.status == 200, "GET /a%26b/, a folder without index.html:\n\(reply)")
        let html = reply.text
        #expect(html.hasPrefix("<!DOCTYPE html>"), "a listing is a whole page, starting with <!DOCTYPE html>:\n\(html)")
        #expect(
            html.contains("<title>Index of /a&amp;b/</title>"),
            "the title names the folder's decoded path, escaped: <title>Index of /a&amp;b/</title>:\n\(html)")
        let problem = htmlNestingProblem(html)
        #expect(problem == nil, "\(problem ?? ""):\n\(html)")
        let rows = html.matches(of: #/<tr>(.*?)</tr>/#).map { String($0.output.1) }
        let cells = rows.map { $0.matches(of: #/<t[dh]>/#).count }
        #expect(
            cells == [3, 3, 3, 3],
            "a heading row, ../, one.txt and two.txt, three cells each (name, size, date): \(rows)")
        #expect(
            rows.contains { $0.contains("two.txt") && $0.contains("<td>2</td>") && $0.contains("1994-11-06 08:49") },
            "two.txt's row has its size (2) and its time, 1994-11-06 08:49 UTC: \(rows)")
        #expect(rows.contains { $0.contains("href=\"../\"") }, "below the root, a ../ row leads up: \(rows)")
        let top = try server.get("/")
        #expect(top.status == 200, "GET / without index.html:\n\(top)")
        #expect(!top.text.contains("href=\"../\""), "the root has no ../ row:\n\(top.text)")
        #expect(top.text.contains("<title>Index of /</title>"), "the root's title:\n\(top.text)")
        #expect(top.text.contains(">a&amp;b/<"), "the folder a&b shows as a&amp;b/:\n\(top.text)")
    }

    @Test("names are escaped in both the link and the text, and each link leads to its file")
    func listingEscapes() throws {
        let site = try Site()
        let names = ["<i>bold.txt", "quote\"s & 'amps'.txt", "a b#c?d%.txt", "x:y.txt"]
        for (index, name) in names.enumerated() { try site.write("odd/\(name)", "file \(index)") }
        let server = try RunningServer(site: site)
        let html = try server.get("/odd/").text
        #expect(!html.contains("<i>bold"), "a name must not become markup:\n\(html)")
        #expect(html.contains("&lt;i&gt;bold.txt"), "the text shows the name, escaped")
        let hrefs = html.matches(of: #/href="([^"]*)"/#).map { String($0.output.1) }.filter {
            !$0.hasPrefix("..") && $0 != "../"
        }
        #expect(hrefs.count == names.count, "one link per file: \(hrefs)")
        for (index, name) in names.enumerated() {
            let href = try #require(
                hrefs.first { link in
                    let unescaped = link.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(
                        of: "&quot;", with: "\""
                    )
                    .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">")
                    return unescaped.removingPercentEncoding?.hasSuffix(name) == true
                }, "no link leads to '\(name)' in \(hrefs)")
            let unescaped = href.replacingOccurrences(of: "&amp;", with: "&")
            #expect(
                !unescaped.contains(" ") && !unescaped.contains("#") && !unescaped.contains("?"),
                "'\(href)' must be percent-encoded")
            let target = "/odd/" + (unescaped.hasPrefix("./") ? String(unescaped.dropFirst(2)) : unescaped)
            let reply = try server.get(target)
            #expect(reply.text == "file \(index)", "following the link \(target) should give '\(name)'")
        }
    }

    @Test("percent-encoded paths are decoded, and bad encodings are 400")
    func percentDecoding() throws {
        let site = try Site()
        try site.write("a b/ü.txt", "decoded")
        let server = try RunningServer(site: site)
        let upper = try server.get("/a%20b/%C3%BC.txt")
        #expect(upper.text == "decoded", "GET /a%20b/%C3%BC.txt for the file 'a b/ü.txt':\n\(upper)")
        let lower = try server.get("/a%20b/%c3%bc.txt?query=ignored")
        let why = "hex digits in either case; the query is not part of the path"
        #expect(lower.text == "decoded", "GET /a%20b/%c3%bc.txt?query=ignored: \(why):\n\(lower)")
        for bad in ["/a%2", "/a%zz", "/a%00b", "/%FF%FE"] {
            let reply = try server.get(bad)
            #expect(reply.status == 400, "\(bad) is not a valid encoded path:\n\(reply)")
        }
    }

    static let traversals = [
        "/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/.%2e/secret.txt",
        "/sub/../../secret.txt", "/sub/%2e%2e/%2e%2e/secret.txt", "/./../secret.txt", "//../secret.txt",
        "/sub/..%2f..%2fsecret.txt", "/%2e%2e%2f%2e%2e%2fsecret.txt", "/..", "/../", "/sub/../..", "/%2e%2e",
        "/..\\secret.txt", "/%252e%252e/secret.txt", "http://test/../secret.txt", "../secret.txt", "secret.txt",
        "/sub/..;/../secret.txt", "/../www-secret/secret.txt", "/..%5csecret.txt",
    ]

    @Test("the traversal corpus never reaches a file outside the root", arguments: traversals)
    func traversal(_ target: String) throws {
        let site = try Site()
        try site.write("secret.txt", "TOP SECRET", outside: true)
        try site.write("www-secret/secret.txt", "TOP SECRET", outside: true)
        try site.write("sub/inside.txt", "fine")
        let server = try RunningServer(site: site)
        let reply = try server.get(target)
        #expect(!reply.text.contains("TOP SECRET"), "\(target) served a file outside the root")
        #expect([400, 403, 404].contains(reply.status), "\(target): expected 400, 403 or 404, got \(reply.status)")
        let inside = try server.get("/sub/inside.txt")
        #expect(inside.text == "fine", "GET /sub/inside.txt: files inside the root are still served:\n\(inside)")
    }

    @Test("a .. segment is refused even when it would stay inside the root", arguments: [
        "/sub/../sub/inside.txt", "/sub/%2e%2e/sub/inside.txt", "/sub/..%2fsub/inside.txt",
    ])
    func dotDotInsideRoot(_ target: String) throws {
        let site = try Site()
        try site.write("sub/inside.txt", "fine")
        let server = try RunningServer(site: site)
        let reply = try server.get(target)
        #expect([400, 403, 404].contains(reply.status), "\(target): a path with .. is refused, got:\n\(reply)")
    }

    @Test("a symlink that leads out of the root is refused; one that stays inside is served")
    func symlinks() throws {
        let site = try Site()
        try site.write("secret.txt", "TOP SECRET", outside: true)
        try site.write("www-secret/x.txt", "TOP SECRET", outside: true)
        try site.write("real/file.txt", "inside")
        try site.symlink("out.txt", to: site.base + "/secret.txt")
        try site.symlink("outdir", to: "..")
        try site.symlink("sibling", to: "../www-secret")
        try site.symlink("alias", to: "real")
        let server = try RunningServer(site: site)
        for target in ["/out.txt", "/outdir/secret.txt", "/sibling/x.txt", "/outdir/"] {
            let reply = try server.get(target)
            #expect(
                !reply.text.contains("TOP SECRET") && [403, 404].contains(reply.status),
                "\(target) leads outside the root: got \(reply.status)")
        }
        let alias = try server.get("/alias/file.txt")
        #expect(alias.text == "inside", "GET /alias/file.txt: a symlink inside the root is fine:\n\(alias)")
    }

    @Test("StaticRoot.resolve maps targets to files, folders, redirects and refusals")
    func resolver() throws {
        let site = try Site()
        try site.write("a.txt", "abc")
        try site.makeFolder("dir")
        let root = try StaticRoot(path: site.root)
        guard case .file(let path, let size, _) = try root.resolve(target: "/a.txt?x=1") else {
            Issue.record("a.txt should resolve to a file")
            return
        }
        #expect(path.hasSuffix("/www/a.txt") && size == 3, "/a.txt?x=1 resolved to \(path), \(size) bytes")
        let folder = try root.resolve(target: "/dir")
        #expect(folder == .redirect(location: "/dir/"), "resolve(target: \"/dir\"), a folder without its slash")
        guard case .directory = try root.resolve(target: "/dir/") else {
            Issue.record("/dir/ should resolve to a directory")
            return
        }
        let cases: [(String, StaticRoot.Resolution)] = [
            ("/nope", .notFound), ("/%2e%2e/x", .forbidden), ("/a%zz", .badRequest), ("*", .badRequest),
        ]
        for (target, expected) in cases {
            let resolution = try root.resolve(target: target)
            #expect(resolution == expected, "resolve(target: \"\(target)\")")
        }
    }
}
