import Foundation
import Lab02HTTP
import Lab03Proxy
import NetLabKit
import Testing

/// Part 5: requests through the proxy to scripted origins over real sockets.
@Suite struct ForwardingTests {
    @Test("the origin gets an origin-form request line and a Host with the port kept")
    func originForm() throws {
        let origin = try ScriptedOrigin()
        let proxy = try RunningProxy()
        let reply = try proxy.get(origin.url("/a/b?c=1"))
        #expect(reply.status == 200)
        #expect(reply.text == "hello")
        let seen = try #require(origin.requests.first)
        #expect(seen.requestLine == "GET /a/b?c=1 HTTP/1.1")
        #expect(seen.header("Host") == "127.0.0.1:\(origin.address.port)")
    }

    @Test("the path form /http://host/path works too")
    func pathForm() throws {
        let origin = try ScriptedOrigin()
        let proxy = try RunningProxy()
        let reply = try proxy.get("/" + origin.url("/p"))
        #expect(reply.status == 200)
        #expect(origin.requests.first?.requestLine == "GET /p HTTP/1.1")
    }

    @Test("hop-by-hop headers are removed from the request, and Via is added")
    func requestHopByHop() throws {
        let origin = try ScriptedOrigin()
        let proxy = try RunningProxy()
        _ = try proxy.get(
            origin.url("/"),
            headers: [
                "Connection: keep-alive, X-Secret", "X-Secret: 1", "Keep-Alive: timeout=5",
                "Proxy-Connection: keep-alive", "Proxy-Authorization: Basic eDp5", "TE: trailers",
                "Upgrade: websocket", "X-Kept: yes",
            ])
        let seen = try #require(origin.requests.first)
        for name in ["X-Secret", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "TE", "Upgrade"] {
            #expect(!seen.has(name), "\(name) reached the origin")
        }
        #expect(seen.header("Connection")?.lowercased() != "keep-alive, x-secret")
        #expect(seen.header("X-Kept") == "yes")
        #expect(seen.header("Via")?.contains("lab03-proxy") == true)
    }

    @Test("hop-by-hop headers are removed from the response, Via and X-Cache are added")
    func responseHopByHop() throws {
        let origin = try ScriptedOrigin(headers: [
            "Connection: X-Private", "X-Private: 1", "Keep-Alive: timeout=9",
            "Upgrade: h2c", "X-Origin: yes",
        ])
        let proxy = try RunningProxy()
        let reply = try proxy.get(origin.url("/"))
        #expect(reply.header("X-Private") == nil)
        #expect(reply.header("Keep-Alive") == nil)
        #expect(reply.header("Upgrade") == nil)
        #expect(reply.header("X-Origin") == "yes")
        #expect(reply.header("Via")?.contains("lab03-proxy") == true)
        #expect(reply.header("X-Cache") == "MISS")
    }

    @Test("a request whose Via already names this proxy gets 508 and never reaches the origin")
    func loop() throws {
        let origin = try ScriptedOrigin()
        let proxy = try RunningProxy()
        let reply = try proxy.get(origin.url("/"), headers: ["Via: 1.1 other, 1.1 lab03-proxy"])
        #expect(reply.status == 508)
        #expect(origin.count == 0)
    }

    @Test("a request with both Content-Length and Transfer-Encoding gets 400")
    func smuggling() throws {
        let origin = try ScriptedOrigin()
        let proxy = try RunningProxy()
        let wire = try proxy.connect()
        try wire.send(
            "POST \(origin.url("/")) HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        let reply = try wire.readResponse()
        #expect(reply.status == 400)
        #expect(origin.count == 0)
    }

    @Test("POST bodies are forwarded, with Content-Length or chunked, and never cached")
    func postBodies() throws {
        let origin = try ScriptedOrigin { _, request in
            .reply(
                response(
                    headers: ["Cache-Control: max-age=600"],
                    body: "got " + String(decoding: request.body, as: UTF8.self)))
        }
        let proxy = try RunningProxy()
        let first = try proxy.get(origin.url("/form"), method: "POST", body: "a=1")
        #expect(first.text == "got a=1")
        let wire = try proxy.connect()
        try wire.send(
            "POST \(origin.url("/form")) HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nb=2\r\n0\r\n\r\n")
        let second = try wire.readResponse()
        try checkImplemented(second)
        #expect(second.text == "got b=2")
        #expect(origin.requests.last?.header("Content-Length") == "3")
        #expect(origin.requests.last?.has("Transfer-Encoding") == false)
        #expect(origin.count == 2)
    }

    @Test("a fresh response is served from the cache: the origin sees one request for two")
    func hitSkipsOrigin() throws {
        let origin = try ScriptedOrigin(headers: ["Cache-Control: max-age=600"], body: "cached body")
        let proxy = try RunningProxy()
        let first = try proxy.get(origin.url("/x"))
        let second = try proxy.get(origin.url("/x"))
        #expect(first.cache == "MISS")
        #expect(second.cache == "HIT")
        #expect(second.text == "cached body")
        #expect(second.header("Age") != nil)
        #expect(origin.count == 1)
    }

    @Test("a hit on an HTTP/1.0 origin's response is answered in HTTP/1.1, so the client keeps its connection")
    func hitSpeaksTheProxysVersion() throws {
        // A proxy sends its own HTTP version (RFC 9110 §2.5). curl and wget close a
        // connection after an HTTP/1.0 answer that does not say keep-alive.
        let head = "HTTP/1.0 200 OK\r\nCache-Control: max-age=600\r\nContent-Length: 5\r\n\r\nhello"
        let origin = try ScriptedOrigin { _, _ in .reply(Array(head.utf8)) }
        let proxy = try RunningProxy()
        let miss = try proxy.get(origin.url("/old"))
        #expect(miss.text == "hello")
        let wire = try proxy.connect()
        try wire.send("GET \(origin.url("/old")) HTTP/1.1\r\nHost: proxy-test\r\n\r\n")
        let statusLine = String(decoding: wire.read(upTo: 12), as: UTF8.self)
        #expect(statusLine == "HTTP/1.1 200", "the hit's status line began \(statusLine.debugDescription)")
        #expect(origin.count == 1)
    }

    @Test("the same URL spelled differently is the same cache entry")
    func normalisedKey() throws {
        let origin = try ScriptedOrigin(headers: ["Cache-Control: max-age=600"])
        let proxy = try RunningProxy()
        _ = try proxy.get(origin.url("/n"))
        let second = try proxy.get("HTTP://127.0.0.1:\(origin.address.port)/n")
        #expect(second.cache == "HIT")
        #expect(origin.count == 1)
    }

    @Test("a chunked response is relayed as it comes and cached when small")
    func chunkedResponse() throws {
        let head = Array("HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        let origin = try ScriptedOrigin { _, _ in
            .pieces([head, Array("4\r\nabcd\r\n".utf8), Array("3\r\nefg\r\n".utf8), Array("0\r\n\r\n".utf8)])
        }
        let proxy = try RunningProxy()
        let first = try proxy.get(origin.url("/c"))
        let second = try proxy.get(origin.url("/c"))
        #expect(first.text == "abcdefg")
        #expect(second.text == "abcdefg")
        #expect(second.cache == "HIT")
        #expect(origin.count == 1)
    }

    @Test("a body over --max-object streams through whole and is not cached")
    func bigBodyNotCached() throws {
        let seed: UInt64 = 7
        let body = seededBytes(count: 1_000_000, seed: seed)
        let bytes =
            Array("HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        let origin = try ScriptedOrigin { _, _ in .reply(bytes) }
        let proxy = try RunningProxy(maxObject: 100_000)
        let first = try proxy.get(origin.url("/big"))
        let second = try proxy.get(origin.url("/big"))
        #expect(first.body == body, "seed \(seed)")
        #expect(second.body == body, "seed \(seed)")
        #expect(origin.count == 2)
        #expect(try proxy.handler.cache.bytes() == 0)
    }

    @Test("a 1 MiB body's first bytes reach the client while the origin is still sending the rest")
    func streamsOnTheWire() throws {
        let seed: UInt64 = 13
        let body = seededBytes(count: 1_048_576, seed: seed)
        let early = 65_536
        let head = Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
        // The origin sends the head and 64 KiB, then waits until the client has those.
        let gate = Gate()
        defer { gate.open() }
        let origin = try ScriptedOrigin { _, _ in
            .held(first: head + body[..<early], gate: gate, rest: Array(body[early...]))
        }
        let proxy = try RunningProxy(timeout: 30)
        let wire = try proxy.connect(timeout: 5)
        try wire.send("GET \(origin.url("/stream")) HTTP/1.1\r\nHost: proxy-test\r\n\r\n")
        let reply = try wire.readHead()
        try checkImplemented(reply)
        #expect(reply.status == 200 && reply.header("Content-Length") == String(body.count), "\(reply)")
        let first = wire.read(upTo: early)
        // Bodies are compared first and the result expected, so a failure shows no megabyte of numbers.
        let relayed = first == Array(body[..<early])
        #expect(relayed, "\(first.count) of the first \(early) bytes came while the origin waited: relay as they come")
        gate.open()
        let rest = wire.read(upTo: body.count - first.count)
        let whole = first + rest == body
        #expect(whole, "the body came cut or changed: \(first.count + rest.count) of \(body.count) bytes, seed \(seed)")
    }

    @Test("misses to one origin reuse one connection to it, and the request never says Connection: close")
    func pooledOrigin() throws {
        let origin = try KeepAliveOrigin()
        let proxy = try RunningProxy()
        for index in 0..<3 {
            let reply = try proxy.get(origin.url("/page\(index)"))
            #expect(reply.status == 200)
            #expect(reply.text == "/page\(index)", "each miss gets its own answer, not a neighbour's")
            #expect(reply.cache == "MISS")
            // The worker hands the origin connection back just after the body's last byte
            // went out: wait for that, or the next miss may race it and open a second one.
            #expect(eventually { proxy.handler.pool.count == 1 }, "the origin connection was not kept")
        }
        let ports = origin.clientPorts
        #expect(ports.count == 3, "the origin saw \(ports.count) requests")
        #expect(Set(ports).count == 1, "three misses should share one kept-alive connection, saw ports \(ports)")
        #expect(origin.connectionHeaders.allSatisfy { $0?.lowercased() != "close" }, "\(origin.connectionHeaders)")
    }

    @Test("an HTTP/1.0 client gets a chunked origin response decoded, ended by the close")
    func http10Client() throws {
        let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
        let origin = try ScriptedOrigin { _, _ in .reply(Array(chunked.utf8)) }
        let proxy = try RunningProxy()
        let wire = try proxy.connect()
        try wire.send("GET \(origin.url("/old")) HTTP/1.0\r\n\r\n")
        let reply = try wire.readResponse()
        try checkImplemented(reply)
        #expect(reply.header("Transfer-Encoding") == nil, "HTTP/1.0 has no chunked coding (RFC 9112 §7.1):\n\(reply)")
        #expect(reply.text == "hello world")
        #expect(wire.isClosedByPeer(), "without a length, the close ends the body")
    }

    @Test("the origin's Server and Date reach the client unchanged, on a miss and on a hit")
    func originServerAndDate() throws {
        let date = httpDate(-5)  // not the proxy's clock: five seconds back
        let origin = try ScriptedOrigin(headers: ["Server: origin/1.0", "Date: \(date)", "Cache-Control: max-age=600"])
        let proxy = try RunningProxy()
        let miss = try proxy.get(origin.url("/who"))
        let hit = try proxy.get(origin.url("/who"))
        for reply in [miss, hit] {
            #expect(reply.values("Server") == ["origin/1.0"], "a proxy does not put its name in Server:\n\(reply)")
            #expect(reply.values("Date") == [date])
            #expect(reply.values("Via").contains { $0.contains("lab03-proxy") })
        }
        #expect(hit.cache == "HIT")
    }

    @Test("a client connection stays open for a second request, as in lab 02")
    func persistentClient() throws {
        let origin = try ScriptedOrigin()
        let proxy = try RunningProxy()
        let wire = try proxy.connect()
        for _ in 0..<2 {
            try wire.send("GET \(origin.url("/")) HTTP/1.1\r\nHost: x\r\n\r\n")
            let reply = try wire.readResponse()
            try checkImplemented(reply)
            #expect(reply.text == "hello")
        }
        #expect(origin.count == 2)
    }

    @Test("a 206 answer to a Range request is passed on but never stored as the whole resource")
    func rangeNotStored() throws {
        let origin = try ScriptedOrigin { _, request in
            request.has("Range")
                ? .reply(
                    response(
                        status: 206, headers: ["Cache-Control: max-age=600", "Content-Range: bytes 0-1/5"],
                        body: "he"))
                : .reply(response(headers: ["Cache-Control: max-age=600"], body: "hello"))
        }
        let proxy = try RunningProxy()
        let part = try proxy.get(origin.url("/r"), headers: ["Range: bytes=0-1"])
        let whole = try proxy.get(origin.url("/r"))
        #expect(part.status == 206)
        #expect(whole.status == 200)
        #expect(whole.text == "hello")
        #expect(origin.count == 2)
    }

    @Test("a POST to a URL removes its cached GET")
    func postInvalidates() throws {
        let origin = try ScriptedOrigin(headers: ["Cache-Control: max-age=600"])
        let proxy = try RunningProxy()
        _ = try proxy.get(origin.url("/p"))
        _ = try proxy.get(origin.url("/p"), method: "POST", body: "x")
        let after = try proxy.get(origin.url("/p"))
        #expect(after.cache == "MISS")
        #expect(origin.count == 3)
    }
}
