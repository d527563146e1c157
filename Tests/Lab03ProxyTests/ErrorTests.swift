import Foundation
import Lab02HTTP
import Lab03Proxy
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

/// Part 7: origins that fail, hang or vanish; the counters; other clients served meanwhile.
@Suite struct ErrorTests {
    @Test("an origin that refuses the connection gives 502")
    func refused() throws {
        let listener = try TCPListener(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0))
        let port = try listener.localAddress().port
        listener.close()
        let proxy = try RunningProxy()
        let reply = try proxy.get("http://127.0.0.1:\(port)/")
        #expect(reply.status == 502)
    }

    @Test("a host that does not resolve gives 502")
    func unresolvable() throws {
        let proxy = try RunningProxy()
        let reply = try proxy.get("http://no-such-host.invalid/")
        #expect(reply.status == 502)
    }

    @Test("an origin that closes before its response head ends gives 502")
    func closedEarly() throws {
        let origin = try ScriptedOrigin { index, _ in
            index == 0 ? .close : .reply(Array("HTTP/1.1 200 OK\r\nContent-Le".utf8))
        }
        let proxy = try RunningProxy()
        let first = try proxy.get(origin.url("/"))
        let second = try proxy.get(origin.url("/"))
        #expect(first.status == 502)
        #expect(second.status == 502)
    }

    @Test("an origin that sends garbage gives 502")
    func garbage() throws {
        let origin = try ScriptedOrigin { _, _ in .reply(Array("SSH-2.0-OpenSSH\r\n\r\n".utf8)) }
        let proxy = try RunningProxy()
        let reply = try proxy.get(origin.url("/"))
        #expect(reply.status == 502)
    }

    @Test("an origin silent past --timeout gives 504, and other clients are served meanwhile")
    func hungOrigin() throws {
        let hung = try ScriptedOrigin { _, _ in .hang }
        let fine = try ScriptedOrigin(headers: ["Cache-Control: max-age=600"])
        let proxy = try RunningProxy(timeout: 3)
        _ = try proxy.get(fine.url("/cached"))  // a hit for later
        let status = Atomic<Int>(0)
        startThread {
            let reply = try? proxy.get(hung.url("/"), timeout: 30)
            status.store(reply?.status ?? -1, ordering: .releasing)
        }
        #expect(eventually(within: 10) { hung.count == 1 })
        let miss = try proxy.get(fine.url("/other"))
        let hit = try proxy.get(fine.url("/cached"))
        let stillWaiting = status.load(ordering: .acquiring) == 0
        #expect(miss.status == 200)
        #expect(hit.cache == "HIT")
        #expect(stillWaiting, "the hung origin's client was answered before the others")
        #expect(eventually(within: 30) { status.load(ordering: .acquiring) != 0 })
        #expect(status.load(ordering: .acquiring) == 504)
    }

    @Test("sixteen clients at once, four times over, get one cached entry byte for byte; the origin is asked once")
    func manyReaders() throws {
        let seed: UInt64 = 11
        let body = seededBytes(count: 51_200, seed: seed)
        let bytes =
            Array("HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        let origin = try ScriptedOrigin { _, _ in .reply(bytes) }
        let proxy = try RunningProxy(threads: 16)
        let url = origin.url("/shared")
        let first = try proxy.get(url)
        // Bodies are compared first and the result expected, so a failure shows no megabyte of numbers.
        let filled = first.cache == "MISS" && first.body == body
        #expect(filled, "the first request should fill the cache: \(first.status), X-Cache: \(first.cache)")
        // Four bursts, as a race between readers of one entry shows only now and then.
        for round in 1...4 {
            let (replies, failures) = ErrorTests.atOnce(clients: 16, url: url, proxy: proxy)
            #expect(failures.isEmpty, "round \(round), clients with no whole answer: \(failures)")
            for reply in replies {
                let hit = reply.status == 200 && reply.cache == "HIT" && reply.body == body
                let got = "\(reply.status), X-Cache: \(reply.cache), \(reply.body.count) bytes"
                #expect(hit, "round \(round): a client got \(got) (the origin sent \(body.count), seed \(seed))")
            }
        }
        #expect(origin.count == 1, "the origin was asked \(origin.count) times; the cache should answer every hit")
    }

    /// GETs `url` from `clients` threads, each on its own connection, all sent at once.
    /// Returns the replies, and what went wrong for the clients that got none.
    static func atOnce(clients: Int, url: String, proxy: RunningProxy) -> (replies: [Reply], failures: [String]) {
        let start = Gate()
        defer { start.open() }
        let connected = Atomic<Int>(0)
        let replies = Mutex<[Reply]>([])
        let failures = Mutex<[String]>([])
        for client in 0..<clients {
            startThread {
                do {
                    let wire = try proxy.connect(timeout: 20)
                    connected.add(1, ordering: .releasing)
                    start.wait(seconds: 20)
                    try wire.send("GET \(url) HTTP/1.1\r\nHost: proxy-test\r\n\r\n")
                    let reply = try wire.readResponse()
                    replies.withLock { $0.append(reply) }
                } catch {
                    failures.withLock { $0.append("client \(client): \(error)") }
                }
            }
        }
        #expect(eventually(within: 20) { connected.load(ordering: .acquiring) == clients }, "clients could not connect")
        start.open()
        let answered = { replies.withLock { $0.count } + failures.withLock { $0.count } }
        let finished = eventually(within: 30) { answered() == clients }
        #expect(finished, "only \(answered()) of \(clients) clients finished in 30 s")
        return (replies.withLock { $0 }, failures.withLock { $0 })
    }

    @Test("while a response is still coming into the cache, hits on other entries and other misses are served")
    func insertDoesNotBlockReaders() throws {
        let seed: UInt64 = 12
        let body = seededBytes(count: 20_000, seed: seed)
        let half = body.count / 2
        let head = "HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nContent-Length: \(body.count)\r\n\r\n"
        let gate = Gate()
        defer { gate.open() }  // A failed expectation must not leave the origin waiting.
        let origin = try ScriptedOrigin { _, request in
            if request.requestLine.contains("/slow") {
                return .held(first: Array(head.utf8) + body[..<half], gate: gate, rest: Array(body[half...]))
            }
            return .reply(response(headers: ["Cache-Control: max-age=600"], body: request.requestLine))
        }
        // A proxy timeout far past the test's waits: the held origin is slow, not dead.
        let proxy = try RunningProxy(timeout: 30)
        _ = try proxy.get(origin.url("/cached"))

        // The slow response is stored as it comes: stop its origin halfway through the body.
        let slow = try proxy.connect()
        try slow.send("GET \(origin.url("/slow")) HTTP/1.1\r\nHost: proxy-test\r\n\r\n")
        let slowHead = try slow.readHead()
        try checkImplemented(slowHead)
        let firstHalf = slow.read(upTo: half)
        let halfCame = firstHalf == Array(body[..<half])
        #expect(halfCame, "\(firstHalf.count) of the first \(half) body bytes came before the origin stalled")

        // Meanwhile: a hit on another entry, and a miss to a third URL.
        let hit = try? proxy.get(origin.url("/cached"), timeout: 5)
        let miss = try? proxy.get(origin.url("/third"), timeout: 5)
        #expect(
            hit?.status == 200 && hit?.cache == "HIT",
            "a hit on another entry waited for the insert: \(hit.map { "\($0)" } ?? "no answer in 5 s")")
        #expect(
            miss?.status == 200 && miss?.text == "GET /third HTTP/1.1",
            "a miss to another URL waited for the insert: \(miss.map { "\($0)" } ?? "no answer in 5 s")")

        gate.open()
        let secondHalf = slow.read(upTo: body.count - half)
        let received = firstHalf + secondHalf
        let whole = received == body
        #expect(whole, "the slow response came cut or changed: \(received.count) bytes, seed \(seed)")
        let again = try proxy.get(origin.url("/slow"))
        let cached = again.cache == "HIT" && again.body == body
        #expect(cached, "once whole, the slow response should be a hit: X-Cache: \(again.cache)")
        let asked = origin.requests.filter { $0.requestLine.contains("/slow") }.count
        #expect(asked == 1, "the origin was asked for the slow response \(asked) times")
    }

    @Test("an origin that closes mid-body cuts the client's connection, and the proxy keeps serving")
    func closesMidBody() throws {
        let origin = try ScriptedOrigin { index, _ in
            index == 0
                ? .reply(
                    Array("HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nContent-Length: 100\r\n\r\nshort".utf8))
                : .reply(response(body: "whole"))
        }
        let proxy = try RunningProxy()
        #expect(throws: (any Error).self) { _ = try proxy.get(origin.url("/m")) }
        let next = try proxy.get(origin.url("/m"))
        #expect(next.text == "whole")
        #expect(next.cache == "MISS")
    }

    @Test(
        "malformed requests get lab 02's answers and never reach the origin",
        arguments: [
            ("GARBAGE\r\n\r\n", 400),
            ("GET http://127.0.0.1:1/\(String(repeating: "a", count: 9_000)) HTTP/1.1\r\nHost: x\r\n\r\n", 414),
            ("GET http://127.0.0.1:1/ HTTP/1.1\r\nX-Big: \(String(repeating: "b", count: 17_000))\r\n\r\n", 431),
            ("GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nab", 400),
        ])
    func malformed(request: String, status: Int) throws {
        let proxy = try RunningProxy()
        let wire = try proxy.connect()
        try wire.send(request)
        let reply = try wire.readResponse()
        #expect(reply.status == status, "\(request.prefix(40))… should get \(status):\n\(reply)")
        #expect(wire.isClosedByPeer(), "a request that can never be valid ends the connection")
    }

    @Test("clients that vanish mid-body and origins that vanish mid-body leave no worker stuck")
    func vanishing() throws {
        let big = [UInt8](repeating: 0x61, count: 65_536)
        let head = Array("HTTP/1.1 200 OK\r\nContent-Length: \(big.count * 40)\r\n\r\n".utf8)
        let origin = try ScriptedOrigin { _, request in
            if request.requestLine.contains("/short") {
                return .reply(Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\ncut".utf8))
            }
            if request.requestLine.contains("/big") { return .pieces([head] + Array(repeating: big, count: 40)) }
            return .reply(response(body: "still here"))
        }
        let proxy = try RunningProxy(threads: 2)
        for _ in 0..<3 {
            let wire = try proxy.connect()
            try wire.send("GET \(origin.url("/big")) HTTP/1.1\r\nHost: x\r\n\r\n")
            let start = try wire.read(100)
            #expect(start.count == 100)
            wire.socket.close()  // gone, with the body still coming
            #expect(throws: (any Error).self) { _ = try proxy.get(origin.url("/short")) }
        }
        // Two workers, six abandoned exchanges: each must have let go of its worker.
        let after = try proxy.get(origin.url("/fine"), timeout: 10)
        #expect(after.text == "still here")
    }

    @Test("lab03-proxy server announces its port and logs each request in squid's format")
    func binary() throws {
        let origin = try ScriptedOrigin(headers: ["Cache-Control: max-age=600"], body: "12345")
        let server = try LabProcess.launch("lab03-proxy", ["server", "--port", "0", "--access-log", "-"])
        defer { server.stop() }
        let address = try server.waitForListening(scheme: "tcp")
        #expect(address.ip == "127.0.0.1", "servers bind 127.0.0.1 by default")
        for expected in ["MISS", "HIT"] {
            let wire = try Wire(to: address, timeout: 10, peerName: "the proxy")
            try wire.send("GET \(origin.url("/logged")) HTTP/1.1\r\nHost: x\r\n\r\n")
            let reply = try wire.readResponse()
            try checkImplemented(reply)
            #expect(reply.cache == expected)
        }
        // squid's native format: time elapsed client code/status bytes method URL …
        for code in ["TCP_MISS/200", "TCP_HIT/200"] {
            let line = server.waitForLine(on: .standardError, timeout: 5) { $0.contains(code) }
            let fields = line?.split(separator: " ", omittingEmptySubsequences: true).map(String.init) ?? []
            #expect(fields.count >= 7, "no '\(code)' line in the log; stderr: \(server.stderr)")
            if fields.count >= 7 {
                #expect(Double(fields[0]) != nil, "the time first, in seconds: \(fields)")
                #expect(fields[2] == "127.0.0.1" && fields[4] == "5" && fields[5] == "GET", "\(fields)")
                #expect(fields[6] == origin.url("/logged"), "\(fields)")
            }
        }
        let bad = try LabProcess.run("lab03-proxy", ["server", "--port", "0", "--connect-ports", "https"])
        #expect(bad.exitCode == 2, "a bad --connect-ports is a usage error: \(bad)")
        #expect(bad.stderr.contains("error:"), "\(bad)")
    }

    @Test("GET /stats returns the counters as JSON, and does not count itself")
    func stats() throws {
        let origin = try ScriptedOrigin(headers: ["Cache-Control: max-age=600"], body: "12345")
        let proxy = try RunningProxy()
        _ = try proxy.get(origin.url("/s"))
        _ = try proxy.get(origin.url("/s"))
        _ = try proxy.get(origin.url("/s"))
        let wire = try proxy.connect()
        try wire.send("GET /stats HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = try wire.readResponse()
        try wire.send("GET /stats HTTP/1.1\r\nHost: x\r\n\r\n")
        let reply = try wire.readResponse()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Int])
        #expect(object["requests"] == 3)
        #expect(object["hits"] == 2)
        #expect(object["misses"] == 1)
        #expect(object["revalidated"] == 0)
        #expect(object["bytes_cached"] == 5)
        #expect(object["entries"] == 1)
        #expect(object["evictions"] == 0)
    }

    @Test("the error pages say what went wrong with a correct length")
    func errorPage() throws {
        let page = try ProxyErrors.page(504, detail: "the origin did not answer in time")
        #expect(page.status == 504)
        #expect(page.headers["Content-Length"] == String(page.body.count))
        #expect(String(decoding: page.body, as: UTF8.self).hasPrefix("504 Gateway Timeout"))
        #expect(try ProxyErrors.status(for: .timedOut) == 504)
        #expect(try ProxyErrors.status(for: .closedEarly) == 502)
        #expect(try ProxyErrors.status(for: .unresolvable("x")) == 502)
    }
}
