// Helpers for the lab 03 tests: scripted origin servers on port 0, a proxy from your
// Lab03Proxy module on lab 02's HTTPServer, and a raw client with its own response reader
// (independent of your code, so a bug in your parser cannot hide a bug in your proxy).
import Foundation
import Lab02HTTP
import Lab03Proxy
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

/// What a scripted origin does with one request.
enum OriginAction: Sendable {
    /// Send these bytes, then close.
    case reply([UInt8])
    /// Send these pieces one after another, then close.
    case pieces([[UInt8]])
    /// Send `first`, wait until the test opens `gate` (30 s at most), then send `rest` and close.
    /// A test uses it to stop an origin part way through a body, at a moment it knows.
    case held(first: [UInt8], gate: Gate, rest: [UInt8])
    /// Accept the request and say nothing until the test ends.
    case hang
    /// Close without a word.
    case close
}

/// A request as the origin received it.
struct OriginRequest: Sendable {
    var requestLine: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func has(_ name: String) -> Bool { header(name) != nil }
}

/// An origin server on a thread: counts requests, records them, answers as the script says.
final class ScriptedOrigin: @unchecked Sendable {  // Sendable: mutable state is in Mutexes.
    let address: SocketAddress
    private let listener: TCPListener
    private let log = Mutex<[OriginRequest]>([])
    private let released = Monitor()
    private let done = Atomic<Bool>(false)

    /// - Parameter script: the action for the n-th request (0-based) and the request.
    init(_ script: @escaping @Sendable (_ index: Int, _ request: OriginRequest) -> OriginAction) throws {
        listener = try TCPListener(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0))
        address = try listener.localAddress()
        let listener = self.listener
        startThread { [weak self] in
            while let connection = try? listener.accept() {
                guard let self else { return }
                startThread { self.serve(connection, script: script) }
            }
        }
    }

    /// An origin that always sends one response: `status`, `headers`, `body`.
    convenience init(status: Int = 200, headers: [String] = [], body: String = "hello") throws {
        let bytes = response(status: status, headers: headers, body: body)
        try self.init { _, _ in .reply(bytes) }
    }

    deinit { stop() }

    func stop() {
        listener.close()
        done.store(true, ordering: .releasing)
        released.withLock { released.broadcast() }
    }

    var requests: [OriginRequest] { log.withLock { $0 } }
    var count: Int { log.withLock { $0.count } }

    /// `http://127.0.0.1:PORT` + path.
    func url(_ path: String = "/") -> String { "http://127.0.0.1:\(address.port)\(path)" }

    private func serve(_ connection: TCPSocket, script: (Int, OriginRequest) -> OriginAction) {
        defer { connection.close() }
        try? connection.setReceiveTimeout(5)
        guard let request = readRequest(connection) else { return }
        let index = log.withLock { log in
            log.append(request)
            return log.count - 1
        }
        switch script(index, request) {
        case .reply(let bytes):
            try? connection.sendAll(bytes)
        case .pieces(let pieces):
            for piece in pieces {
                guard (try? connection.sendAll(piece)) != nil else { return }
                sleep(seconds: 0.01)
            }
        case .held(let first, let gate, let rest):
            guard (try? connection.sendAll(first)) != nil, gate.wait(seconds: 30) else { return }
            try? connection.sendAll(rest)
        case .hang:
            let deadline = SystemTime().now() + 30
            released.withLock {
                while !done.load(ordering: .acquiring), SystemTime().now() < deadline { released.wait(until: deadline) }
            }
        case .close:
            break
        }
    }

    private func readRequest(_ connection: TCPSocket) -> OriginRequest? {
        var buffer: [UInt8] = []
        while buffer.firstRange(of: [13, 10, 13, 10]) == nil {
            guard let chunk = try? connection.receive(), !chunk.isEmpty else { return nil }
            buffer += chunk
        }
        let end = buffer.firstRange(of: [13, 10, 13, 10])!.upperBound
        let head = String(decoding: buffer[..<(end - 4)], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst()
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (
                String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            )
        }
        var request = OriginRequest(requestLine: requestLine, headers: headers, body: Array(buffer[end...]))
        if let length = request.header("Content-Length").flatMap(Int.init) {
            while request.body.count < length {
                guard let chunk = try? connection.receive(), !chunk.isEmpty else { break }
                request.body += chunk
            }
        }
        return request
    }
}

/// A door between a test and the threads it starts (a scripted origin, its clients): they
/// wait at it until the test opens it, and it stays open. Waiting has a deadline, so a test
/// that fails before it opens the door never hangs.
final class Gate: @unchecked Sendable {  // Sendable: `isOpen` is guarded by `monitor`.
    private let monitor = Monitor()
    private var isOpen = false

    func open() {
        monitor.withLock {
            isOpen = true
            monitor.broadcast()
        }
    }

    /// Waits until the gate opens or `seconds` pass. Returns whether it opened.
    @discardableResult
    func wait(seconds: Double) -> Bool {
        let deadline = SystemTime().now() + seconds
        return monitor.withLock {
            while !isOpen, SystemTime().now() < deadline { monitor.wait(until: deadline) }
            return isOpen
        }
    }
}

/// An origin on lab 02's `HTTPServer`, which keeps connections alive: it answers every
/// request with its own path, and notes which client port asked and its `Connection` header.
final class KeepAliveOrigin: @unchecked Sendable {  // Sendable: the log is in a Mutex.
    final class Echo: HTTPHandler {
        let log = Mutex<[(port: UInt16, connection: String?)]>([])

        func respond(to request: HTTPRequest, from client: SocketAddress) throws -> ServedResponse {
            log.withLock { $0.append((client.port, request.headers["Connection"])) }
            let body = Array(request.target.utf8)
            let headers = HTTPHeaders([("Content-Type", "text/plain"), ("Content-Length", String(body.count))])
            return ServedResponse(response: HTTPResponse(status: 200, headers: headers, body: body))
        }
    }

    private let handler: Echo
    private let server: HTTPServer
    let address: SocketAddress

    init() throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.threads = 2
        configuration.idleTimeout = 10
        handler = Echo()
        server = try HTTPServer(configuration: configuration, handler: handler)
        address = try server.start()
    }

    deinit { server.stop() }

    var clientPorts: [UInt16] { handler.log.withLock { $0.map(\.port) } }
    var connectionHeaders: [String?] { handler.log.withLock { $0.map(\.connection) } }

    func url(_ path: String) -> String { "http://127.0.0.1:\(address.port)\(path)" }
}

/// A response as bytes: status line, the header lines given, `Content-Length`, body.
func response(status: Int = 200, headers: [String] = [], body: String = "hello") -> [UInt8] {
    var text = "HTTP/1.1 \(status) \(HTTPStatus.reason(status))\r\n"
    for header in headers { text += header + "\r\n" }
    if status != 304 { text += "Content-Length: \(body.utf8.count)\r\n" }
    return Array((text + "\r\n" + (status == 304 ? "" : body)).utf8)
}

/// An HTTP date `offset` seconds from now.
func httpDate(_ offset: Double = 0) -> String {
    (try? HTTPDate.format(Int(SystemTime.wallClock() + offset))) ?? ""
}

/// A proxy from your Lab03Proxy module on your lab 02 `HTTPServer`, on port 0, in this process.
final class RunningProxy: @unchecked Sendable {  // Sendable: all fields are constants.
    let server: HTTPServer
    let handler: ProxyHandler
    let address: SocketAddress

    init(
        cacheBytes: Int = 1_048_576, maxObject: Int = 102_400, timeout: Double = 5, threads: Int = 8,
        connectPorts: Set<UInt16> = [443]
    ) throws {
        var configuration = ProxyConfiguration()
        configuration.server.port = 0
        configuration.server.threads = threads
        configuration.cacheBytes = cacheBytes
        configuration.maxObject = maxObject
        configuration.timeout = timeout
        configuration.connectPorts = connectPorts
        handler = ProxyHandler(configuration: configuration)
        server = try HTTPServer(configuration: configuration.server, handler: handler)
        address = try server.start()
    }

    deinit { server.stop() }

    func connect(timeout: Double = 10) throws -> Wire { try Wire(to: address, timeout: timeout, peerName: "the proxy") }

    /// One request through the proxy on a fresh connection, absolute-form by default.
    func get(
        _ url: String, method: String = "GET", headers: [String] = [], body: String? = nil, timeout: Double = 10
    ) throws -> Reply {
        let wire = try connect(timeout: timeout)
        var text = "\(method) \(url) HTTP/1.1\r\nHost: proxy-test\r\n"
        for header in headers { text += header + "\r\n" }
        if let body { text += "Content-Length: \(body.utf8.count)\r\n\r\n\(body)" } else { text += "\r\n" }
        try wire.send(text)
        let reply = try wire.readResponse(method: method)
        try checkImplemented(reply)
        return reply
    }
}

/// A 500 from the proxy means its handler threw: most often a part still "not implemented".
func checkImplemented(_ reply: Reply) throws {
    if reply.status == 500 {
        Issue.record("the proxy answered 500: a part it needs still throws (not implemented?)")
        throw WireError.malformed("500 from the proxy")
    }
}

/// A response as the test saw it on the wire (NetLabTesting's `WireResponse`).
typealias Reply = WireResponse

extension WireResponse {
    /// What the proxy's `X-Cache` said.
    var cache: String { header("X-Cache") ?? "(no X-Cache)" }
}

extension Wire {
    /// Reads a response's head only, leaving its body to `read(upTo:)`. (`readResponse`
    /// stops after the head of an answer to HEAD.)
    func readHead() throws -> Reply { try readResponse(method: "HEAD") }

    /// Reads until `count` bytes have come, the peer closes, or a read waits past the
    /// timeout: what came by then, never an error, so a test can say how much arrived. (The
    /// bytes of a 4 KiB read cut short by the timeout stay buffered for the next read.)
    func read(upTo count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            guard let piece = try? read(min(4_096, count - bytes.count)), !piece.isEmpty else { break }
            bytes += piece
        }
        return bytes
    }
}

/// Bytes from a seeded generator, so a failing test can be replayed.
func seededBytes(count: Int, seed: UInt64) -> [UInt8] {
    var random = SeededRandom(seed: seed)
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
}

/// Polls `condition` until it holds or `seconds` pass.
func eventually(within seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = SystemTime().now() + seconds
    while SystemTime().now() < deadline {
        if condition() { return true }
        sleep(seconds: 0.01)
    }
    return condition()
}
