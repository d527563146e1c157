import Lab03Proxy
import Testing

/// Part 1: which requests are proxy requests, and where they go.
@Suite struct ProxyURLTests {
    struct Case: Sendable, CustomStringConvertible {
        let target: String
        let expected: ProxyURL?
        var description: String { target }
    }

    static let cases: [Case] = [
        Case(target: "http://example.com/a?b=1", expected: ProxyURL(host: "example.com", port: 80, path: "/a?b=1")),
        Case(target: "http://Example.COM:8080/x", expected: ProxyURL(host: "example.com", port: 8080, path: "/x")),
        Case(target: "HTTP://example.com", expected: ProxyURL(host: "example.com", port: 80, path: "/")),
        Case(target: "http://example.com:80/", expected: ProxyURL(host: "example.com", port: 80, path: "/")),
        Case(target: "http://example.com?q", expected: ProxyURL(host: "example.com", port: 80, path: "/?q")),
        Case(target: "/http://127.0.0.1:9000/p", expected: ProxyURL(host: "127.0.0.1", port: 9000, path: "/p")),
        Case(target: "http://[::1]:8080/", expected: ProxyURL(host: "::1", port: 8080, path: "/")),
        Case(target: "http://a", expected: ProxyURL(host: "a", port: 80, path: "/")),
        Case(target: "http://a:1/", expected: ProxyURL(host: "a", port: 1, path: "/")),
        Case(target: "http://", expected: nil),
        Case(target: "/index.html", expected: nil),
        Case(target: "https://example.com/", expected: nil),
        Case(target: "http://example.com:99999/", expected: nil),
        Case(target: "http://example.com:0/", expected: nil),
        Case(target: "http:///path", expected: nil),
        Case(target: "http://user@example.com/", expected: nil),
    ]

    @Test("request targets are read as proxy URLs, or refused", arguments: cases)
    func parse(_ item: Case) throws {
        let url = try ProxyURL.parse(item.target)
        #expect(url == item.expected)
    }

    @Test("the cache key is the method and the normalised URL, whatever case and default port were sent")
    func cacheKeyIsNormalised() throws {
        let a = try #require(try ProxyURL.parse("http://EXAMPLE.com:80/a"))
        let b = try #require(try ProxyURL.parse("HTTP://example.com/a"))
        #expect(a.cacheKey(method: "GET") == "GET http://example.com/a")
        #expect(b.cacheKey(method: "GET") == a.cacheKey(method: "GET"))
    }

    @Test("a request that is not a proxy request gets 400 with a page saying how to use the proxy")
    func usagePage() throws {
        let proxy = try RunningProxy()
        let wire = try proxy.connect()
        try wire.send("GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")
        let reply = try wire.readResponse()
        try checkImplemented(reply)
        #expect(reply.status == 400)
        #expect(reply.text.contains("curl -x"))
    }
}
