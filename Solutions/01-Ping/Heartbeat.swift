import NetLabKit

// `HeartbeatEvent` is given, in `HeartbeatEvent.swift`.

/// The heartbeat server's bookkeeping, with no sockets and no clock of its own: you pass the
/// time in, so tests can play hours of silence in a microsecond.
public struct HeartbeatMonitor: Sendable {
    /// Seconds without a heartbeat after which a client is gone.
    public let silenceLimit: Double
    private var clients: [String: (lastSequence: Int, lastSeen: Double)] = [:]

    public init(silenceLimit: Double) {
        self.silenceLimit = silenceLimit
    }

    /// Records a heartbeat.
    ///
    /// - Parameters:
    ///   - sequence: its sequence number.
    ///   - client: who sent it (the sender's address as text).
    ///   - time: when it arrived, in seconds.
    /// - Returns: `.started` for a new client, `.lost` if sequence numbers were skipped,
    ///   `.stale` for an old one, or nothing for the expected next heartbeat.
    public mutating func receive(sequence: Int, from client: String, at time: Double) throws -> [HeartbeatEvent] {
        guard let known = clients[client] else {
            clients[client] = (sequence, time)
            return [.started(client: client, sequence: sequence)]
        }
        if sequence <= known.lastSequence {
            return [.stale(client: client, sequence: sequence)]
        }
        clients[client] = (sequence, time)
        if sequence > known.lastSequence + 1 {
            return [.lost(client: client, sequences: (known.lastSequence + 1)...(sequence - 1))]
        }
        return []
    }

    /// Declares gone, in address order, every client silent for `silenceLimit` seconds or more, and forgets it.
    ///
    /// - Parameter time: the time now, in seconds.
    public mutating func check(at time: Double) throws -> [HeartbeatEvent] {
        var events: [HeartbeatEvent] = []
        for (client, state) in clients where time - state.lastSeen >= silenceLimit {
            events.append(.gone(client: client, silence: time - state.lastSeen))
            clients[client] = nil
        }
        return events.sorted { "\($0)" < "\($1)" }
    }

    /// The line the server prints for an event.
    public static func line(for event: HeartbeatEvent) throws -> String {
        switch event {
        case .started(let client, let sequence):
            return "client \(client) started at heartbeat \(sequence)"
        case .lost(let client, let sequences):
            let which =
                sequences.count == 1
                ? "heartbeat \(sequences.lowerBound)"
                : "heartbeats \(sequences.lowerBound)-\(sequences.upperBound)"
            return "client \(client) lost \(which)"
        case .stale(let client, let sequence):
            return "client \(client) sent stale heartbeat \(sequence) (ignored)"
        case .gone(let client, let silence):
            return "client \(client) gone: no heartbeat for \(fixed(silence, decimals: 1)) s"
        }
    }
}

/// The heartbeat server: listens for heartbeats and prints what it notices.
public final class HeartbeatServer: Sendable {
    private let socket: UDPSocket
    private let silenceLimit: Double

    /// Binds the server's socket.
    public init(address: SocketAddress, silenceLimit: Double) throws {
        socket = try UDPSocket(bindingTo: address)
        self.silenceLimit = silenceLimit
    }

    public func boundAddress() throws -> SocketAddress { try socket.localAddress() }

    /// Receives heartbeats until `stop()`, calling `onEvent` for each event.
    public func serve(clock: any TimeSource = SystemTime(), onEvent: (HeartbeatEvent) -> Void) throws {
        var monitor = HeartbeatMonitor(silenceLimit: silenceLimit)
        // Wake up often enough to notice silence promptly even when nothing arrives.
        let tick = min(0.1, silenceLimit / 4)
        while socket.descriptor >= 0 {
            let ready: Bool
            do { ready = try socket.waitUntilReadable(timeout: tick) } catch { return }
            if ready, let (datagram, sender) = try? socket.receive() {
                if let message = try? PingMessage.decode(datagram), message.kind == .heartbeat {
                    try monitor.receive(sequence: message.sequence, from: sender.description, at: clock.now())
                        .forEach(onEvent)
                } else {
                    Console.error("dropped \(datagram.count) bytes from \(sender): not a heartbeat")
                }
            }
            try monitor.check(at: clock.now()).forEach(onEvent)
        }
    }

    public func stop() { socket.close() }
}

/// Sends `count` heartbeats to `server`, one every `interval` seconds.
///
/// - Parameter skipping: sequence numbers not to send, to show the server noticing loss.
public func sendHeartbeats(to server: SocketAddress, count: Int, interval: Double, skipping: Set<Int> = []) throws {
    let socket = try UDPSocket(family: server.family)
    defer { socket.close() }
    for sequence in 1...max(1, count) where count > 0 {
        if !skipping.contains(sequence) {
            let message = PingMessage(kind: .heartbeat, sequence: sequence, timestamp: SystemTime.wallClock())
            try socket.send(message.encode(), to: server)
        }
        if sequence < count { sleep(seconds: interval) }
    }
}
