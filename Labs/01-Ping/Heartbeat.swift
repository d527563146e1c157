import NetLabKit

// `HeartbeatEvent` is given, in `HeartbeatEvent.swift`.

/// The heartbeat server's bookkeeping, with no sockets and no clock of its own: the time
/// is passed in, so tests can play hours of silence in a microsecond.
public struct HeartbeatMonitor: Sendable {
    /// Seconds without a heartbeat after which a client is gone.
    public let silenceLimit: Double
    // TODO: remember, per client, the last sequence number and when it was seen.

    public init(silenceLimit: Double) {
        self.silenceLimit = silenceLimit
    }

    /// Records a heartbeat and returns what it reveals: `.started` for a new client,
    /// `.lost` if sequence numbers were skipped, `.stale` for an old one, or nothing.
    public mutating func receive(sequence: Int, from client: String, at time: Double) throws -> [HeartbeatEvent] {
        throw NotImplemented("HeartbeatMonitor.receive")
    }

    /// Declares gone (and forgets) every client silent for `silenceLimit` seconds or more,
    /// in order of their addresses (as text), so the server prints them the same way each run.
    public mutating func check(at time: Double) throws -> [HeartbeatEvent] {
        throw NotImplemented("HeartbeatMonitor.check")
    }

    /// The line the server prints for an event:
    /// - `client 127.0.0.1:40000 started at heartbeat 1`
    /// - `client 127.0.0.1:40000 lost heartbeat 6`  or  `… lost heartbeats 3-4`
    /// - `client 127.0.0.1:40000 sent stale heartbeat 4 (ignored)`
    /// - `client 127.0.0.1:40000 gone: no heartbeat for 3.0 s`  (one decimal)
    public static func line(for event: HeartbeatEvent) throws -> String {
        throw NotImplemented("HeartbeatMonitor.line")
    }
}

/// The heartbeat server: listens for heartbeats and reports what the monitor notices.
public final class HeartbeatServer: Sendable {
    // TODO: store the socket and the silence limit.

    /// Binds the server's socket.
    public init(address: SocketAddress, silenceLimit: Double) throws {
        throw NotImplemented("HeartbeatServer.init")
    }

    public func boundAddress() throws -> SocketAddress {
        throw NotImplemented("HeartbeatServer.boundAddress")
    }

    /// Receives heartbeats until `stop()`, calling `onEvent` for each event.
    ///
    /// TODO: wait for datagrams with a short timeout (say 0.1 s), so that even when nothing
    /// arrives you call `monitor.check(at: clock.now())` often and notice silent clients.
    public func serve(clock: any TimeSource = SystemTime(), onEvent: (HeartbeatEvent) -> Void) throws {
        throw NotImplemented("HeartbeatServer.serve")
    }

    public func stop() {
        // TODO: close the socket.
    }
}

/// Sends `count` heartbeats to `server`, one every `interval` seconds, leaving out the
/// sequence numbers in `skipping` (to watch the server notice).
public func sendHeartbeats(to server: SocketAddress, count: Int, interval: Double, skipping: Set<Int> = []) throws {
    throw NotImplemented("sendHeartbeats")
}
