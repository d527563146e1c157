// Helpers for the lab 02 tests: a temporary site on disk, an in-process server on port 0,
// and a raw connection with its own small response reader (independent of your codec, so
// a bug in your parser cannot hide a bug in your server).
import Foundation
import Lab02HTTP
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

/// A temporary folder: `root` is what the server serves; `base` is its parent, where
/// "secret" files outside the root live. Deleted when the test ends.
final class Site: @unchecked Sendable {  // Sendable: only written before the server starts.
    let base: String
    let root: String

    init() throws {
        var template = Array("/tmp/lab02-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw SocketError.systemCall(call: "mkdtemp", errno: errno) }
        base = String(cString: made)
        root = base + "/www"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: base) }

    /// Writes a file under the root (or under `base` when `outside` is true).
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8], outside: Bool = false) throws -> String {
        let path = (outside ? base : root) + "/" + relative
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw SocketError.systemCall(call: "creat", errno: errno)
        }
        return path
    }

    @discardableResult
    func write(_ relative: String, _ text: String, outside: Bool = false) throws -> String {
        try write(relative, Array(text.utf8), outside: outside)
    }

    func makeFolder(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: root + "/" + relative, withIntermediateDirectories: true)
    }

    /// Makes `root/relative` a symlink to `destination` (absolute, or relative to its folder).
    func symlink(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: root + "/" + relative, withDestinationPath: destination)
    }

    /// Sets a file's modification time (seconds since 1970).
    func setModified(_ relative: String, _ seconds: Int) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: TimeInterval(seconds))], ofItemAtPath: root + "/" + relative
        )
    }
}

/// A server from your Lab02HTTP module, running on threads inside the test, on port 0.
final class RunningServer: @unchecked Sendable {  // Sendable: all fields are constants.
    let server: HTTPServer
    let address: SocketAddress
    let log = AccessLog.memory()
    /// Kept so the folder lives as long as the server.
    let site: Site

    /// - Parameter handler: what answers requests; by default a `StaticFileHandler` on `site`.
    init(
        site: Site, threads: Int = 4, queue: Int = 16, idleTimeout: Double = 10, headerTimeout: Double = 10,
        limits: HTTPLimits = HTTPLimits(), handler: (any HTTPHandler)? = nil
    ) throws {
        self.site = site
        var configuration = ServerConfiguration(root: site.root)
        configuration.port = 0
        configuration.threads = threads
        configuration.queueCapacity = queue
        configuration.idleTimeout = idleTimeout
        configuration.headerTimeout = headerTimeout
        configuration.limits = limits
        configuration.accessLog = log
        let handler = try handler ?? StaticFileHandler(root: StaticRoot(path: site.root))
        server = try HTTPServer(configuration: configuration, handler: handler)
        address = try server.start()
    }

    deinit { server.stop() }

    /// A new connection to the server.
    func connect(timeout: Double = 5) throws -> Wire { try Wire(to: address, timeout: timeout) }

    /// One request on a fresh connection; returns the reply.
    func get(_ target: String, method: String = "GET", headers: [String] = []) throws -> Reply {
        let wire = try connect()
        try wire.send(request(method, target, headers: headers))
        return try wire.readResponse(method: method)
    }
}

/// A request as text: `GET /x HTTP/1.1`, Host, extra header lines, blank line.
func request(_ method: String = "GET", _ target: String, version: String = "HTTP/1.1", headers: [String] = []) -> String
{
    var text = "\(method) \(target) \(version)\r\nHost: test\r\n"
    for header in headers { text += header + "\r\n" }
    return text + "\r\n"
}

/// A response as the test saw it on the wire (NetLabTesting's `WireResponse`).
typealias Reply = WireResponse

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

/// A one-shot TCP server on a thread that answers the first connection with canned bytes
/// and closes: for testing the client against responses your server never sends.
final class CannedServer: @unchecked Sendable {  // Sendable: the request is kept in a Mutex.
    let address: SocketAddress
    private let listener: TCPListener
    private final class Received: Sendable {
        let bytes = Mutex<[UInt8]>([])
    }

    private let box = Received()

    /// The request the client sent.
    var received: [UInt8] { box.bytes.withLock { $0 } }

    init(reply: [UInt8]) throws {
        listener = try TCPListener(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0))
        address = try listener.localAddress()
        let listener = self.listener
        let box = self.box
        startThread {
            guard let connection = try? listener.accept() else { return }
            try? connection.setReceiveTimeout(5)
            var bytes: [UInt8] = []
            while bytes.firstRange(of: [13, 10, 13, 10]) == nil,
                let chunk = try? connection.receive(), !chunk.isEmpty
            {
                bytes += chunk
            }
            box.bytes.withLock { $0 = bytes }
            try? connection.sendAll(reply)
            connection.close()
        }
    }

    deinit { listener.close() }

    var url: String { "http://127.0.0.1:\(address.port)" }
}
