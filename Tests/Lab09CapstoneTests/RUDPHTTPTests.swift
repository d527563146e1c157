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
    static func rawServer(_ bytes: [UInt8]) throws -> RUDPListener {
        let listener = try RUDPListener(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0), options: options())
        startThread {
            guard let connection = try? listener.accept(timeout: 20) else { return }
            _ = try? connection.receive(timeout: 5)
            try? connection.send(bytes)
            try? connection.close()
        }
        return listener
    }

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
