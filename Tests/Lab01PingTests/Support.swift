import Lab01Ping
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

/// Runs the student's `PingServer` on a thread of its own for the length of `body`.
func withPingServer<Result>(
    loss: Double = 0, delay: Double = 0, seed: UInt64 = 1, _ body: (SocketAddress) throws -> Result
) throws -> Result {
    let configuration = PingServer.Configuration(address: loopbackAnyPort(), loss: loss, delay: delay, seed: seed)
    let server = try PingServer(configuration: configuration)
    let address = try server.boundAddress()
    startThread { try? server.serve() }
    defer { server.stop() }
    return try body(address)
}

/// Sends `text` from `socket` to `address` and returns the reply as text, or `nil` on timeout.
func exchange(_ text: String, via socket: UDPSocket, with address: SocketAddress) throws -> String? {
    try socket.send(Array(text.utf8), to: address)
    return try receiveText(socket)
}

/// The next datagram on `socket` as text, or `nil` if none comes before its timeout.
func receiveText(_ socket: UDPSocket) throws -> String? {
    do {
        return String(decoding: try socket.receive().bytes, as: UTF8.self)
    } catch SocketError.timedOut {
        return nil
    }
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
        let capitals = datagram.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }
        for reply in transform(message, capitals) { try? socket.send(reply, to: sender) }
    }
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
}
