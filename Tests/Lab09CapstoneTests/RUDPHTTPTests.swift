/// Part 3: one HTTP/1.1 request and its response on one RUDP stream (lab 08), with
/// intact bodies under the channel's faults, and the app server answering over RUDP.
import Lab02HTTP
import Lab08RUDP
import Lab09Capstone
import NetLabChannel
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

/// A handler that answers every GET with `body`, and echoes the target in a header.
struct BlobHandler: HTTPHandler {
    let body: [UInt8]
    func respond(to request: HTTPRequest, from client: SocketAddress) throws -> ServedResponse {
        let headers = HTTPHeaders([
            ("Content-Type", "application/octet-stream"), ("Content-Length", String(body.count)),
            ("X-Target", request.target),
        ])
        return ServedResponse(response: HTTPResponse(status: 200, headers: headers, body: body))
    }
}

@Suite("HTTP over RUDP", .serialized)
struct RUDPHTTPTests {
    static func options() -> TransportOptions {
        var options = TransportOptions()
        options.maximumSegmentSize = 1200
        options.initialRTO = 0.02
        options.minimumRTO = 0.005
        options.maximumRTO = 0.1
        options.maximumRetries = 80
        options.timeWait = 0.5
        options.closeTimeout = 10
        return options
    }

    /// Serves one connection on a thread; returns the response the client read.
    static func exchange(
        _ request: HTTPRequest, handler: any HTTPHandler, faults: Faults = .none
    ) throws -> (HTTPResponse, (method: String, target: String, status: Int)?) {
        let listener = try RUDPListener(
            bindingTo: SocketAddress(ip: "127.0.0.1", port: 0), faults: faults, options: options())
        defer { listener.close() }
        let served = Mutex<Result<(method: String, target: String, status: Int)?, any Error>?>(nil)
        startThread {
            let result = Result { () throws -> (method: String, target: String, status: Int)? in
                let connection = try listener.accept(timeout: 20)
                return try RUDPHTTP.serve(connection, with: handler)
            }
            served.withLock { $0 = result }
        }
        var clientFaults = faults
        clientFaults.seed = faults.seed &+ 1
        let connection = try RUDPConnection.connect(to: listener.localAddress, faults: clientFaults, options: options())
        let response = try RUDPHTTP.fetch(request, over: connection, timeout: 20)
        try? connection.close()
        let deadline = SystemTime().now() + 20
        while served.withLock({ $0 == nil }) && SystemTime().now() < deadline { sleep(seconds: 0.01) }
        let log = try served.withLock { $0 }.map { try $0.get() } ?? nil
        return (response, log)
    }

    static func get(_ target: String, method: String = "GET") -> HTTPRequest {
        HTTPRequest(method: method, target: target, headers: HTTPHeaders([("Host", "my-app.home")]))
    }

    @Test("A request and its response cross one RUDP stream intact")
    func perfectChannel() throws {
        let body = Fixture.payload(seed: 1, count: 300_000)
        let (response, log) = try Self.exchange(Self.get("/blob?x=1"), handler: BlobHandler(body: body))
        #expect(response.status == 200)
        #expect(response.headers["X-Target"] == "/blob?x=1")
        #expect(response.body.count == body.count)
        #expect(response.body == body)
        #expect(log?.method == "GET" && log?.target == "/blob?x=1" && log?.status == 200, "\(String(describing: log))")
    }

    @Test("A HEAD request gets the head and no body")
    func head() throws {
        let body = Fixture.payload(seed: 2, count: 5_000)
        let (response, _) = try Self.exchange(Self.get("/", method: "HEAD"), handler: BlobHandler(body: body))
        #expect(response.status == 200)
        #expect(response.headers["Content-Length"] == "5000")
        #expect(response.body.isEmpty)
    }

    @Test(
        "Bodies arrive intact under loss, reordering and duplication", arguments: [UInt64(11), 12])
    func faults(seed: UInt64) throws {
        var faults = Faults(seed: seed)
        faults.loss = 0.1
        faults.duplicate = 0.05
        faults.delay = 0.002
        faults.jitter = 0.004
        let body = Fixture.payload(seed: seed, count: 150_000)
        let (response, _) = try Self.exchange(Self.get("/lossy"), handler: BlobHandler(body: body), faults: faults)
        #expect(response.status == 200, "seed \(seed)")
        #expect(response.body == body, "seed \(seed): \(response.body.count) of \(body.count) bytes")
    }

    /// Answers one connection with `bytes` as they are (whatever it asked), then closes.
    static func rawServer(_ bytes: [UInt8]) throws -> RUDPListener { try slowServer([bytes], pause: 0) }

    @Test("A body cut short is an error, and a body without a length ends with the stream")
    func framing() throws {
        let cut = Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".utf8) + [UInt8](repeating: 7, count: 50)
        let short = try Self.rawServer(cut)
        defer { short.close() }
        let first = try RUDPConnection.connect(to: short.localAddress, options: Self.options())
        #expect(throws: RUDPHTTPError.truncated(received: 50, expected: 100)) {
            _ = try RUDPHTTP.fetch(Self.get("/"), over: first, timeout: 5)
        }
        try? first.close()
        let unframed = Array("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".utf8) + [UInt8](repeating: 8, count: 70)
        let open = try Self.rawServer(unframed)
        defer { open.close() }
        let second = try RUDPConnection.connect(to: open.localAddress, options: Self.options())
        let response = try RUDPHTTP.fetch(Self.get("/"), over: second, timeout: 5)
        try? second.close()
        #expect(response.status == 200)
        #expect(response.body == [UInt8](repeating: 8, count: 70))
    }

    /// Answers one connection with `pieces`, `pause` seconds apart (whatever it asked), then
    /// keeps it open `linger` seconds and closes it.
    static func slowServer(_ pieces: [[UInt8]], pause: Double = 0.05, linger: Double = 0) throws -> RUDPListener {
        let listener = try RUDPListener(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0), options: options())
        startThread {
            guard let connection = try? listener.accept(timeout: 20) else { return }
            _ = try? connection.receive(timeout: 5)
            for piece in pieces {
                try? connection.send(piece)
                sleep(seconds: pause)
            }
            sleep(seconds: linger)
            try? connection.close()
        }
        return listener
    }

    @Test("A body without a length is read to the end of the stream, however slowly it comes")
    func unframedInPieces() throws {
        let head = Array("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".utf8)
        let body = Fixture.payload(seed: 5, count: 9_000)
        let pieces = [head, Array(body[..<3_000]), Array(body[3_000..<6_000]), Array(body[6_000...])]
        let server = try Self.slowServer(pieces)
        defer { server.close() }
        let connection = try RUDPConnection.connect(to: server.localAddress, options: Self.options())
        defer { try? connection.close() }
        let response = try RUDPHTTP.fetch(Self.get("/"), over: connection, timeout: 5)
        #expect(response.status == 200)
        #expect(response.body == body, "\(response.body.count) of \(body.count) bytes")
    }

    /// What `fetch` threw for the response `pieces` from a server that then stays silent
    /// for 10 s, and how long it took.
    static func fetchError(_ pieces: [[UInt8]]) throws -> (error: (any Error)?, seconds: Double) {
        let server = try Self.slowServer(pieces, linger: 10)
        defer { server.close() }
        let connection = try RUDPConnection.connect(to: server.localAddress, options: Self.options())
        defer { try? connection.close() }
        let start = SystemTime().now()
        do {
            _ = try RUDPHTTP.fetch(Self.get("/"), over: connection, timeout: 3)
            return (nil, SystemTime().now() - start)
        } catch {
            return (error, SystemTime().now() - start)
        }
    }

    @Test("A head that never ends, or a body too large to hold, is a bad response at once")
    func hostileResponses() throws {
        let limits = RUDPHTTP.limits
        let endless = Array("HTTP/1.1 200 OK\r\nX-Fill: ".utf8)
            + [UInt8](repeating: UInt8(ascii: "a"), count: limits.maxStartLineBytes + limits.maxHeaderBytes + 2_000)
        let huge = Array("HTTP/1.1 200 OK\r\nContent-Length: \(RUDPHTTP.largestBody + 1)\r\n\r\n".utf8)
        for (name, pieces) in [("a head with no end", [endless]), ("a body over largestBody", [huge, [1, 2, 3]])] {
            let (error, seconds) = try Self.fetchError(pieces)
            var bad = false
            if case .badResponse? = error as? RUDPHTTPError { bad = true }
            #expect(bad, "\(name): fetch gave \(error.map { "\($0)" } ?? "no error"), not RUDPHTTPError.badResponse")
            #expect(seconds < 2.5, "\(name): the error came after \(seconds) s, as if fetch waited for more")
        }
    }

    /// A handler that always fails.
    struct FailingHandler: HTTPHandler {
        struct Broken: Error {}
        func respond(to request: HTTPRequest, from client: SocketAddress) throws -> ServedResponse { throw Broken() }
    }

    @Test("A handler that throws gets the client a 500")
    func handlerFails() throws {
        let (response, log) = try Self.exchange(Self.get("/boom"), handler: FailingHandler())
        #expect(response.status == 500, "\(response.status)")
        #expect(log?.status == 500, "serve logged \(String(describing: log))")
    }

    @Test("A client that leaves in the middle of its request ends serve, which answers nothing")
    func clientLeaves() throws {
        let listener = try RUDPListener(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0), options: Self.options())
        defer { listener.close() }
        let served = Mutex<Result<(method: String, target: String, status: Int)?, any Error>?>(nil)
        startThread {
            let result = Result { () throws -> (method: String, target: String, status: Int)? in
                try RUDPHTTP.serve(try listener.accept(timeout: 20), with: BlobHandler(body: [1]), timeout: 5)
            }
            served.withLock { $0 = result }
        }
        let connection = try RUDPConnection.connect(to: listener.localAddress, options: Self.options())
        try connection.send(Array("GET / HTTP/1.1\r\nHost: my-app.home\r\n".utf8))
        try connection.close()
        let deadline = SystemTime().now() + 4
        while served.withLock({ $0 == nil }) && SystemTime().now() < deadline { sleep(seconds: 0.01) }
        let outcome = served.withLock { $0 }
        switch outcome {
        case .success(let log)?:
            #expect(log == nil, "serve logged \(String(describing: log)) for a request that never ended")
        case .failure(let error)?:
            Issue.record("serve threw \(error) when the client left; it should return nil")
        case nil:
            Issue.record("serve had not returned 4 s after the client closed")
        }
    }

    @Test("A malformed request gets 400, not silence")
    func badRequest() throws {
        let listener = try RUDPListener(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0), options: Self.options())
        defer { listener.close() }
        startThread {
            guard let connection = try? listener.accept(timeout: 20) else { return }
            _ = try? RUDPHTTP.serve(connection, with: BlobHandler(body: []))
        }
        let connection = try RUDPConnection.connect(to: listener.localAddress, options: Self.options())
        try connection.send(Array("NOT A REQUEST\r\n\r\n".utf8))
        var bytes: [UInt8] = []
        while true {
            let chunk = try connection.receive(timeout: 10)
            if chunk.isEmpty { break }
            bytes += chunk
        }
        try? connection.close()
        let response = try RawResponse(bytes)
        #expect(response.status == 400, "\(response)")
    }

    @Test("The app server answers over RUDP: pages, assets and media ranges")
    func appServer() throws {
        let root = try Fixture.appFolder()
        defer { Fixture.remove(root) }
        let server = try AppServerProcess(root: root)
        defer { server.stop() }
        func fetch(_ target: String, headers: [(String, String)] = []) throws -> HTTPResponse {
            let connection = try RUDPConnection.connect(to: server.rudp, options: Self.options())
            defer { try? connection.close() }
            var request = Self.get(target)
            for (name, value) in headers { request.headers.add(name, value) }
            return try RUDPHTTP.fetch(request, over: connection, timeout: 10)
        }
        let home = try fetch("/")
        #expect(home.status == 200 && home.body == Fixture.index, "\(home.status)")
        let css = try fetch("/static/css/app.css")
        #expect(css.headers["Content-Type"]?.contains("text/css") == true && css.body == Fixture.css)
        let range = try fetch("/media/intro.webm", headers: [("Range", "bytes=10-99")])
        #expect(range.status == 206 && range.body == Array(Fixture.video[10..<100]), "\(range.status)")
        let missing = try fetch("/watch?v=missing")
        #expect(missing.status == 404)
    }
}
