import Lab02HTTP
import NetLabKit
import Testing

/// Parses a whole request from text, for tests.
private func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) throws -> (request: HTTPRequest, length: Int)? {
    try HTTPRequest.decode(Array(text.utf8), limits: limits)
}

/// The error a request is rejected with, or nil if it parsed.
private func rejection(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPError? {
    do {
        _ = try HTTPRequest.decode(Array(text.utf8), limits: limits)
        return nil
    } catch let error as HTTPError {
        return error
    } catch {
        Issue.record("expected an HTTPError, got \(error)")
        return nil
    }
}

@Suite("Part 1: request parsing")
struct RequestParsingTests {
    @Test("a complete GET is parsed into method, target, version and headers")
    func parsesSimpleGet() throws {
        let text = "GET /docs/index.html?x=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n"
        let parsed = try #require(try parse(text), "a complete request must not return nil")
        #expect(parsed.request.method == "GET")
        #expect(parsed.request.target == "/docs/index.html?x=1")
        #expect(parsed.request.version == .http11)
        #expect(parsed.request.headers["Host"] == "example.com")
        #expect(parsed.request.headers["Accept"] == "*/*")
        #expect(parsed.length == text.utf8.count, "length counts every byte up to and including the blank line")
        #expect(parsed.request.body.isEmpty)
    }

    @Test("an absolute-form target, as a proxy receives it, is kept exactly as sent")
    func keepsAbsoluteForm() throws {
        let text = "GET http://example.com:8080/a/b?c=d HTTP/1.1\r\nHost: example.com:8080\r\n\r\n"
        let parsed = try #require(try parse(text), "RFC 9112 §3.2.2: a server must accept absolute-form")
        #expect(parsed.request.target == "http://example.com:8080/a/b?c=d")
        #expect(parsed.length == text.utf8.count)
    }

    @Test("an incomplete request returns nil for every prefix, then parses when the blank line arrives")
    func incompleteReturnsNil() throws {
        let bytes = Array("GET / HTTP/1.1\r\nHost: a\r\nUser-Agent: t\r\n\r\n".utf8)
        for end in 0..<bytes.count {
            let result = try HTTPRequest.decode(Array(bytes[..<end]))
            #expect(result == nil, "after \(end) of \(bytes.count) bytes the request is not complete yet")
        }
        let whole = try HTTPRequest.decode(bytes)
        #expect(whole?.request.target == "/", "all \(bytes.count) bytes: got \(String(describing: whole))")
    }

    @Test("bytes after a request are left for the next one (pipelining)")
    func leavesTheRest() throws {
        let first = "GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
        let both = Array((first + "GET /two HTTP/1.1\r\nHost: a\r\n\r\n").utf8)
        let one = try #require(try HTTPRequest.decode(both))
        #expect(one.request.target == "/one")
        #expect(one.length == first.utf8.count)
        let two = try #require(
            try HTTPRequest.decode(both[one.length...]), "the second request starts right after the first")
        #expect(two.request.target == "/two")
    }

    @Test("header names match without regard to case, values are trimmed, and LF alone ends a line")
    func headerDetails() throws {
        let parsed = try #require(try parse("GET / HTTP/1.1\nhOsT:   example.com  \nX-Empty:\n\n"))
        #expect(parsed.request.headers["host"] == "example.com")
        #expect(parsed.request.headers["HOST"] == "example.com")
        #expect(parsed.request.headers["x-empty"] == "")
    }

    @Test("CRLFs before the request line are skipped (RFC 9112 §2.2)")
    func skipsLeadingBlankLines() throws {
        let parsed = try #require(try parse("\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(parsed.request.target == "/x")
    }

    @Test("a body is read by Content-Length, and nil comes back until all of it is there")
    func contentLengthBody() throws {
        let head = "POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n"
        let early = try parse(head + "hello")
        #expect(early == nil, "only 5 of 11 body bytes have arrived, got \(String(describing: early))")
        let parsed = try #require(try parse(head + "hello world" + "GET"))
        #expect(parsed.request.body == Array("hello world".utf8))
        #expect(parsed.length == head.utf8.count + 11)
    }

    @Test("a chunked request body is decoded")
    func chunkedBody() throws {
        let text =
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n"
        let early = try parse(String(text.dropLast(2)))
        #expect(early == nil, "the last CRLF is missing, got \(String(describing: early))")
        let parsed = try #require(try parse(text))
        #expect(parsed.request.body == Array("hello world".utf8))
        #expect(parsed.length == text.utf8.count)
    }

    @Test("a missing Host on HTTP/1.1 is 400, and HTTP/1.0 needs none")
    func hostRules() throws {
        #expect(rejection("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n")?.status == 400)
        #expect(rejection("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")?.status == 400, "two Host headers")
        let old = try #require(try parse("GET / HTTP/1.0\r\n\r\n"))
        #expect(old.request.version == .http10)
    }

    static let malformed: [(String, String)] = [
        ("no version", "GET /\r\n\r\n"),
        ("two spaces", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("four parts", "GET / HTTP/1.1 x\r\nHost: a\r\n\r\n"),
        ("bad method", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("lower-case version", "GET / http/1.1\r\nHost: a\r\n\r\n"),
        ("version letters", "GET / HTTP/x.y\r\nHost: a\r\n\r\n"),
        ("header without colon", "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n"),
        ("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
        ("folded header", "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n  2\r\n\r\n"),
        ("bare CR", "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n"),
        ("control byte in target", "GET /a\u{01}b HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("letters in Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n"),
        ("negative Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"),
        ("16-digit Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000000000000\r\n\r\n"),
        (
            "two different Content-Lengths",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"
        ),
        (
            "Content-Length and chunked",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        ),
        ("bad chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
        // Found by make fuzz: Int("-1", radix: 16) is -1, and a negative size crashed the server.
        ("negative chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n"),
        (
            "chunk size with a plus sign",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n+5\r\nhello\r\n"
        ),
        (
            "16-hex-digit chunk size",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0000000000000005\r\nhello\r\n0\r\n\r\n"
        ),
    ]

    @Test("malformed requests are 400", arguments: malformed)
    func malformedIs400(_ example: (String, String)) {
        let error = rejection(example.1)
        #expect(
            error?.status == 400, "\(example.0): expected HTTPError with status 400, got \(String(describing: error))")
    }

    @Test("an overlong request line is 414, even before it ends")
    func longRequestLineIs414() {
        let limits = HTTPLimits(maxStartLineBytes: 100)
        let long = "GET /" + String(repeating: "a", count: 200)
        #expect(rejection(long, limits: limits) == .uriTooLong, "no line end yet, but already past the limit")
        #expect(rejection(long + " HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits) == .uriTooLong)
        #expect(
            rejection("GET /" + String(repeating: "a", count: 50) + " HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits)
                == nil,
            "a line under the limit is fine")
    }

    @Test("the limits are inclusive: a request line or header section of exactly the limit is accepted")
    func limitsAreInclusive() throws {
        let limits = HTTPLimits(maxStartLineBytes: 100, maxHeaderBytes: 200)
        let line = "GET /" + String(repeating: "a", count: 100 - 14) + " HTTP/1.1"  // 100 bytes.
        let atLineLimit = try parse(line + "\r\nHost: a\r\n\r\n", limits: limits)
        #expect(atLineLimit?.request.target.utf8.count == 87, "a 100-byte request line, limit 100")
        let fields = "Host: a\r\nCookie: " + String(repeating: "c", count: 200 - 19) + "\r\n"  // 200 bytes.
        let atHeaderLimit = try parse("GET / HTTP/1.1\r\n" + fields + "\r\n", limits: limits)
        #expect(atHeaderLimit != nil, "header lines of 200 bytes in all, CRLFs included, limit 200")
    }

    @Test("a header section one byte over the limit is 431, even when it is complete")
    func oneByteOverTheHeaderLimitIs431() {
        let limits = HTTPLimits(maxHeaderBytes: 200)
        let fields = "Host: a\r\nCookie: " + String(repeating: "c", count: 201 - 19) + "\r\n"  // 201 bytes.
        let error = rejection("GET / HTTP/1.1\r\n" + fields + "\r\n", limits: limits)
        #expect(
            error == .headersTooLarge,
            "header lines of 201 bytes in all, CRLFs included, limit 200: got \(String(describing: error))")
    }

    @Test("a header section at the limit may still be ending (its last CR came alone); 2 bytes past it cannot")
    func headerLimitWhileIncomplete() throws {
        let limits = HTTPLimits(maxHeaderBytes: 200)
        let fields = "Host: a\r\nCookie: " + String(repeating: "c", count: 200 - 19) + "\r\n"  // 200 bytes.
        let pending = "GET / HTTP/1.1\r\n" + fields + "\r"  // The blank line's LF has not come yet.
        let error = rejection(pending, limits: limits)
        let shown = error.map { "\($0)" } ?? "nil"
        #expect(error == nil, "200 bytes of header lines and a CR, limit 200: wait for the LF; got \(shown)")
        let waiting = try parse(pending, limits: limits)
        #expect(waiting == nil, "incomplete: decode must ask for more bytes")
        // 202 bytes after the request line and no LF yet: no ending can make that fit.
        let over = "GET / HTTP/1.1\r\nHost: a\r\nCookie: " + String(repeating: "c", count: 202 - 17)
        let overError = rejection(over, limits: limits)
        #expect(
            overError == .headersTooLarge,
            "202 header bytes without a line end, limit 200: got \(String(describing: overError))")
    }

    @Test("an oversized header section or too many fields is 431")
    func bigHeadersAre431() {
        let limits = HTTPLimits(maxHeaderBytes: 200, maxHeaderCount: 5)
        let big = "GET / HTTP/1.1\r\nHost: a\r\nCookie: " + String(repeating: "c", count: 300)
        #expect(rejection(big, limits: limits) == .headersTooLarge, "still incomplete, but already past the limit")
        var many = "GET / HTTP/1.1\r\nHost: a\r\n"
        for index in 0..<6 { many += "X-\(index): y\r\n" }
        #expect(rejection(many + "\r\n", limits: limits) == .headersTooLarge)
    }

    @Test("a body larger than the limit is 413")
    func bigBodyIs413() {
        let limits = HTTPLimits(maxBodyBytes: 10)
        #expect(rejection("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: limits)?.status == 413)
        let chunked =
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\nghijk\r\n0\r\n\r\n"
        let error = rejection(chunked, limits: limits)
        #expect(error?.status == 413, "chunks of 6 and 5 bytes, limit 10: got \(String(describing: error))")
        let exact =
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n4\r\nghij\r\n0\r\n\r\n"
        let atLimit = rejection(exact, limits: limits)
        #expect(atLimit == nil, "chunks of 6 and 4 bytes, limit 10, are accepted: got \(String(describing: atLimit))")
    }

    @Test("HTTP/2.0, HTTP/3.0 and HTTP/0.9 as versions are 505")
    func otherVersionsAre505() {
        for version in ["HTTP/2.0", "HTTP/3.0", "HTTP/0.9"] {
            let error = rejection("GET / \(version)\r\nHost: a\r\n\r\n")
            #expect(
                error == .versionNotSupported(version),
                "\(version): expected 505 (.versionNotSupported(\"\(version)\")), got \(String(describing: error))")
        }
    }

    @Test("an unknown transfer coding is 501")
    func unknownCodingIs501() {
        let error = rejection("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n")
        #expect(error?.status == 501, "got \(String(describing: error))")
    }

    @Test("keep-alive follows the version and the Connection header")
    func keepAliveRules() throws {
        let cases: [(String, Bool)] = [
            ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n", false),
            ("GET / HTTP/1.0\r\n\r\n", false),
            ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
        ]
        for (text, expected) in cases {
            let keepAlive = try parse(text)?.request.keepAlive
            #expect(keepAlive == expected, "keepAlive for \(text.debugDescription)")
        }
    }
}
