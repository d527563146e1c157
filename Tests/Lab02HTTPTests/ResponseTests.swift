import Foundation
import Lab02HTTP
import NetLabKit
import Testing

@Suite("Part 2: responses and files")
struct ResponseTests {
    @Test("a response is written as status line, headers, blank line, body")
    func encodesResponse() throws {
        let response = HTTPResponse(
            status: 404, headers: HTTPHeaders([("Content-Type", "text/plain"), ("Content-Length", "4")]),
            body: Array("nope".utf8))
        let expected = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nnope"
        #expect(String(decoding: try response.encode(), as: UTF8.self) == expected)
    }

    @Test("a response head is parsed, and nil comes back until it is complete")
    func decodesResponseHead() throws {
        let text = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-1/10\r\nContent-Length: 2\r\n\r\nab"
        let bytes = Array(text.utf8)
        let early = try HTTPResponse.decodeHead(Array(bytes[..<20]))
        #expect(early == nil, "only 20 bytes of the head: got \(String(describing: early))")
        let parsed = try #require(try HTTPResponse.decodeHead(bytes))
        #expect(parsed.response.status == 206)
        #expect(parsed.response.reason == "Partial Content")
        #expect(parsed.response.headers["content-range"] == "bytes 0-1/10")
        #expect(parsed.length == bytes.count - 2, "the head ends before the body")
        let framing = try parsed.response.bodyFraming(requestMethod: "GET")
        #expect(framing == .length(2), "Content-Length: 2 in reply to GET")
        let headFraming = try parsed.response.bodyFraming(requestMethod: "HEAD")
        #expect(headFraming == .none, "a reply to HEAD never has a body")
        #expect(throws: HTTPError.self) { try HTTPResponse.decodeHead(Array("HTTP/1.1 2x0 OK\r\n\r\n".utf8)) }
        let bare = try HTTPResponse.decodeHead(Array("HTTP/1.1 204\r\n\r\n".utf8))
        #expect(
            bare?.response.status == 204 && bare?.response.reason == "",
            "HTTP/1.1 204 with no reason phrase is a valid status line: got \(String(describing: bare))")
        let layered = try #require(
            try HTTPResponse.decodeHead(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n".utf8)))
        let layeredFraming = try layered.response.bodyFraming(requestMethod: "GET")
        #expect(layeredFraming == .chunked, "Transfer-Encoding: gzip, chunked: the last coding, chunked, frames it")
    }

    @Test("1xx, 204 and 304 responses have no body, whatever their headers say; 200 and 205 do")
    func bodylessStatuses() throws {
        for status in [100, 101, 199, 204, 304, 200, 205] {
            let text = "HTTP/1.1 \(status) X\r\nContent-Length: 5\r\n\r\n"
            let parsed = try #require(try HTTPResponse.decodeHead(Array(text.utf8)))
            let framing = try parsed.response.bodyFraming(requestMethod: "GET")
            let expected: HTTPResponse.BodyFraming = [200, 205].contains(status) ? .length(5) : .none
            #expect(framing == expected, "status \(status) with Content-Length: 5 (RFC 9112 §6.3)")
        }
    }

    @Test("GET of a file returns its exact bytes with Content-Length and Content-Type")
    func servesFile() throws {
        let site = try Site()
        try site.write("hello.txt", "hello, world\n")
        let server = try RunningServer(site: site)
        let reply = try server.get("/hello.txt")
        #expect(reply.status == 200, "\(reply)")
        #expect(reply.text == "hello, world\n")
        #expect(reply.header("Content-Length") == "13")
        #expect(reply.mediaType == "text/plain")
    }

    @Test("a 1 MiB binary file arrives byte for byte")
    func servesLargeBinary() throws {
        let seed = SeededRandom.freshSeed()
        let site = try Site()
        let content = seededBytes(count: 1 << 20, seed: seed)
        try site.write("blob.bin", content)
        let server = try RunningServer(site: site)
        let reply = try server.get("/blob.bin")
        #expect(reply.status == 200)
        #expect(reply.header("Content-Length") == String(1 << 20))
        #expect(reply.body == content, "the body differs from the file (content seed \(seed))")
    }

    @Test("a response's Date has two-digit day, hour, minute and second: Sun, 09 Jan 2000 09:09:09 GMT")
    func datesHaveTwoDigitFields() throws {
        let text = try HTTPDate.format(947_408_949)
        #expect(text == "Sun, 09 Jan 2000 09:09:09 GMT", "HTTPDate.format(947408949), 2000-01-09 09:09:09 UTC")
    }

    @Test("a client that sends more after its last request still gets the whole response before the close")
    func closeReadsWhatTheClientStillSends() throws {
        let site = try Site()
        let size = 8 << 20
        try site.write("big.bin", [UInt8](repeating: 0x61, count: size))
        let server = try RunningServer(site: site)
        let socket = try TCPSocket(connectingTo: server.address, timeout: 5)
        defer { socket.close() }
        try socket.setReceiveTimeout(10)
        try socket.sendAll(Array("GET /big.bin HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".utf8))
        // The answer has begun, so the server has read the request; now send bytes it never
        // asked for. Closing with them unread would reset the connection and throw away the
        // part of the answer still waiting in the server's send buffer.
        var received = try socket.receive(maximumLength: 1024)
        try socket.sendAll([UInt8](repeating: 0x78, count: 1000))
        Thread.sleep(forTimeInterval: 0.5)  // not reading, so the server's buffers fill
        var failure: String?
        do {
            while true {
                let chunk = try socket.receive(maximumLength: 1 << 16)
                if chunk.isEmpty { break }
                received += chunk
            }
        } catch {
            failure = "\(error)"
        }
        let headEnd = received.firstRange(of: [13, 10, 13, 10])?.upperBound ?? received.count
        let body = received.count - headEnd
        let what =
            "\(size) body bytes and then the close expected; got \(body) bytes, then \(failure ?? "the close"). "
            + "Read what the client still sends before closing, or the close is a reset"
        #expect(body == size && failure == nil, "\(what)")
    }

    static let types: [(String, String)] = [
        ("html", "text/html"), ("css", "text/css"), ("js", "text/javascript"), ("json", "application/json"),
        ("svg", "image/svg+xml"), ("png", "image/png"), ("jpg", "image/jpeg"), ("jpeg", "image/jpeg"),
        ("gif", "image/gif"), ("ico", "image/x-icon"), ("webp", "image/webp"), ("mp4", "video/mp4"),
        ("webm", "video/webm"), ("mp3", "audio/mpeg"), ("wasm", "application/wasm"), ("txt", "text/plain"),
        ("pdf", "application/pdf"), ("HTML", "text/html"), ("xyz", "application/octet-stream"),
    ]

    @Test("Content-Type comes from the MIME table, and unknown extensions get application/octet-stream")
    func contentTypes() throws {
        let site = try Site()
        for (ext, _) in Self.types { try site.write("file.\(ext)", "x") }
        try site.write("Makefile", "x")
        let server = try RunningServer(site: site)
        for (ext, expected) in Self.types {
            let reply = try server.get("/file.\(ext)")
            #expect(reply.status == 200, "file.\(ext) should be served, whatever its type")
            #expect(
                reply.mediaType == expected,
                "file.\(ext): expected \(expected), got \(reply.header("Content-Type") ?? "no Content-Type")")
        }
        let makefile = try server.get("/Makefile")
        #expect(
            makefile.mediaType == "application/octet-stream",
            "GET /Makefile, a name without an extension:\n\(makefile)")
    }

    @Test("every response carries Date, Server, Content-Length and Content-Type, errors too")
    func standardHeaders() throws {
        let site = try Site()
        try site.write("a.txt", "a")
        let server = try RunningServer(site: site)
        let wire = try server.connect()
        try wire.send("GET / HTTP/1.1\r\n\r\n")  // No Host: 400.
        for (what, reply) in [
            ("200", try server.get("/a.txt")), ("404", try server.get("/missing")), ("400", try wire.readResponse()),
        ] {
            for name in ["Date", "Server", "Content-Length", "Content-Type"] {
                #expect(reply.header(name) != nil, "a \(what) response has no \(name) header:\n\(reply)")
            }
            #expect(
                reply.header("Content-Length") == String(reply.body.count), "Content-Length must count the body's bytes"
            )
        }
        let date = try server.get("/a.txt").header("Date") ?? "none"
        let days = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
        let months = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
        let imfFixdate = try Regex("^\(days), \\d\\d \(months) \\d{4} \\d\\d:\\d\\d:\\d\\d GMT$")
        #expect(
            date.wholeMatch(of: imfFixdate) != nil,
            "Date must be an IMF-fixdate like 'Sun, 06 Nov 1994 08:49:37 GMT', not '\(date)'")
    }

    @Test("HEAD gets the same headers as GET and no body")
    func headHasNoBody() throws {
        let site = try Site()
        try site.write("page.html", "<p>twelve</p>")
        let server = try RunningServer(site: site)
        let wire = try server.connect()
        try wire.send(request("HEAD", "/page.html") + request("GET", "/page.html"))
        let head = try wire.readResponse(method: "HEAD")
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "13", "HEAD reports the length a GET would send")
        #expect(head.mediaType == "text/html")
        let get = try wire.readResponse()
        #expect(get.status == 200, "if HEAD had sent a body, this second response would be garbled")
        #expect(get.text == "<p>twelve</p>")
    }

    @Test("a missing file is 404")
    func missingIs404() throws {
        let server = try RunningServer(site: try Site())
        let reply = try server.get("/nothing/here.html")
        #expect(reply.status == 404, "GET /nothing/here.html on an empty site:\n\(reply)")
    }

    @Test("POST, PUT and DELETE get 405 with Allow: GET, HEAD, and an unknown method gets 501")
    func methods() throws {
        let site = try Site()
        try site.write("a.txt", "a")
        let server = try RunningServer(site: site)
        for method in ["POST", "PUT", "DELETE"] {
            let reply = try server.get("/a.txt", method: method)
            #expect(reply.status == 405, "\(method) /a.txt:\n\(reply)")
            let allowed = reply.header("Allow")?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(
                Set(allowed ?? []) == ["GET", "HEAD"],
                "Allow should list GET and HEAD, got \(reply.header("Allow") ?? "none")")
        }
        let brew = try server.get("/a.txt", method: "BREW")
        #expect(brew.status == 501, "BREW /a.txt, a method the server does not know:\n\(brew)")
    }

    @Test("the server answers 400, 414, 431 and 505 over the wire, then closes")
    func errorsOverTheWire() throws {
        let server = try RunningServer(site: try Site())
        let cases: [(String, Int)] = [
            ("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", 400),
            ("GET /" + String(repeating: "a", count: 10_000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414),
            ("GET / HTTP/1.1\r\nHost: a\r\nCookie: " + String(repeating: "c", count: 20_000) + "\r\n\r\n", 431),
            ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
            ("\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}\u{03}\u{03}\r\n\r\n", 400),
        ]
        for (text, status) in cases {
            let wire = try server.connect()
            try wire.send(text)
            let reply = try wire.readResponse()
            #expect(reply.status == status, "expected \(status) for a request starting '\(text.prefix(30))…'")
            #expect(wire.isClosedByPeer(), "after a \(status) the server closes the connection")
        }
        try server.site.write("after.txt", "still here")
        let after = try server.get("/after.txt")
        #expect(after.status == 200, "the server still works after all that:\n\(after)")
    }

    @Test("each request is logged in Common Log Format with the count of active connections")
    func accessLog() throws {
        let site = try Site()
        try site.write("a.txt", "abc")
        try site.write("b.txt", "abc")
        let server = try RunningServer(site: site)
        let first = try server.connect()
        try first.send(request("GET", "/a.txt"))
        _ = try first.readResponse()  // `first` stays open (keep-alive): 1 active connection.
        let second = try server.connect()
        try second.send(request("GET", "/b.txt", headers: ["Connection: close"]))
        _ = try second.readResponse()
        // The line is written after the response is sent: give it a moment.
        #expect(eventually { server.log.lines.count >= 2 }, "one line per request: \(server.log.lines)")
        let lines = server.log.lines
        #expect(lines.count == 2, "one line per request: \(lines)")
        let pattern =
            #/^127\.0\.0\.1 - - \[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET /[ab]\.txt HTTP/1\.1" 200 3/#
        for line in lines {
            #expect(line.firstMatch(of: pattern) != nil, "not Common Log Format: \(line)")
        }
        let secondLine = lines.first { $0.contains("/b.txt") }
        #expect(
            secondLine?.contains("active=2") == true,
            "two connections were open during the request for /b.txt: \(lines)")
    }

    @Test("a log line is exactly Common Log Format: two-digit fields, quotes escaped, '-' for no body")
    func commonLogLineExactly() throws {
        let cases: [(time: Int, request: String, status: Int, bytes: Int, active: Int, expected: String)] = [
            (
                1_728_555_010, "GET /a\"b HTTP/1.1", 404, 0, 3,
                #"127.0.0.1 - - [10/Oct/2024:10:10:10 +0000] "GET /a\"b HTTP/1.1" 404 - active=3"#
            ),
            (
                1_709_622_489, "HEAD / HTTP/1.0", 200, 1_234, 1,
                #"127.0.0.1 - - [05/Mar/2024:07:08:09 +0000] "HEAD / HTTP/1.0" 200 1234 active=1"#
            ),
        ]
        for example in cases {
            let line = try AccessLog.commonLogLine(
                client: "127.0.0.1", time: example.time, requestLine: example.request, status: example.status,
                bytes: example.bytes, active: example.active)
            #expect(
                line == example.expected,
                "commonLogLine(time: \(example.time), requestLine: \(example.request), bytes: \(example.bytes))")
        }
    }
}
