import Lab01Ping
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

/// A test's own failure, with a message that says what happened.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The student's `PingServer`, serving on a thread of its own, and how its `serve()` ended.
final class ServedPingServer: Sendable {
    enum Ending: Equatable, Sendable, CustomStringConvertible {
        case returned
        case threw(String)
        var description: String {
            switch self {
            case .returned: return "returned"
            case .threw(let error): return "threw \(error)"
            }
        }
    }

    let server: PingServer
    let address: SocketAddress
    private let ending = Mutex<Ending?>(nil)

    init(_ configuration: PingServer.Configuration) throws {
        server = try PingServer(configuration: configuration)
        address = try server.boundAddress()
        startThread { [self] in
            do {
                try server.serve()
                ending.withLock { $0 = .returned }
            } catch {
                ending.withLock { $0 = .threw("\(error)") }
            }
        }
    }

    /// How `serve()` ended, or `nil` while it still serves.
    var ended: Ending? { ending.withLock { $0 } }

    /// Throws if `serve()` has already ended, though nobody called `stop()`.
    func checkServing() throws {
        if let ended { throw TestFailure("PingServer.serve() \(ended) before stop() was called") }
    }

    /// Calls `stop()`, then waits up to `seconds` for `serve()` to end. Returns how it ended.
    func stop(waiting seconds: Double = 0) -> Ending? {
        server.stop()
        let clock = SystemTime()
        let deadline = clock.now() + seconds
        while ended == nil, clock.now() < deadline { sleep(seconds: 0.01) }
        return ended
    }
}

/// Runs the student's `PingServer` on a thread of its own for the length of `body`.
func withPingServer<Result>(
    loss: Double = 0, delay: Double = 0, seed: UInt64 = 1, _ body: (ServedPingServer) throws -> Result
) throws -> Result {
    let configuration = PingServer.Configuration(address: loopbackAnyPort(), loss: loss, delay: delay, seed: seed)
    let server = try ServedPingServer(configuration)
    defer { _ = server.stop() }
    return try body(server)
}

/// Sends `text` from `socket` to `server` and returns the reply as text, or `nil` on timeout.
/// - Throws: if no reply came because the server's `serve()` had already thrown or returned.
func exchange(_ text: String, via socket: UDPSocket, with server: ServedPingServer) throws -> String? {
    try socket.send(Array(text.utf8), to: server.address)
    return try receiveText(socket, from: server)
}

/// The next datagram on `socket` as text, or `nil` if none comes before its timeout.
/// - Throws: on a timeout, if `server`'s `serve()` has already ended (it will never answer).
func receiveText(_ socket: UDPSocket, from server: ServedPingServer? = nil) throws -> String? {
    do {
        return String(decoding: try socket.receive().bytes, as: UTF8.self)
    } catch SocketError.timedOut {
        try server?.checkServing()
        return nil
    }
}

/// `text` itself, or its start and its length when it is too long to show.
func shown(_ text: String) -> String {
    text.utf8.count > 40 ? "\(text.prefix(30))… (\(text.utf8.count) bytes)" : text
}

/// Runs the student's client against `server` and collects every event.
func runClient(
    against server: SocketAddress, count: Int, timeout: Double = 1, interval: Double = 0
) throws -> (summary: PingSummary, events: [PingEvent]) {
    let configuration = PingClient.Configuration(server: server, count: count, timeout: timeout, interval: interval)
    var events: [PingEvent] = []
    let summary = try PingClient(configuration: configuration).run { events.append($0) }
    return (summary, events)
}

/// A well-behaved scripted server: replies to each ping in capitals, after `transform` has
/// had its say (return `nil` to drop, or several replies to duplicate).
func scriptedServer(_ transform: @escaping @Sendable (PingMessage, [UInt8]) -> [[UInt8]]) throws -> FakeUDPPeer {
    try FakeUDPPeer { datagram, sender, socket in
        guard let message = try? PingMessage.decode(datagram) else { return }
        for reply in transform(message, capitals(datagram)) { try? socket.send(reply, to: sender) }
    }
}

/// The bytes with a-z in capitals, as the echo server answers.
func capitals(_ bytes: [UInt8]) -> [UInt8] {
    bytes.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }
}

extension PingEvent {
    var replySequence: Int? {
        if case .reply(let sequence, _, _, _) = self { return sequence }
        return nil
    }
    var timeoutSequence: Int? {
        if case .timeout(let sequence) = self { return sequence }
        return nil
    }
    /// `reply 3`, `timeout 2`, `late 2`, `duplicate 1`, `stray 5 bytes`: what happened, not when.
    var brief: String {
        switch self {
        case .reply(let sequence, _, _, _): return "reply \(sequence)"
        case .timeout(let sequence): return "timeout \(sequence)"
        case .late(let sequence): return "late \(sequence)"
        case .duplicate(let sequence): return "duplicate \(sequence)"
        case .stray(let bytes, _): return "stray \(bytes) bytes"
        }
    }
}
