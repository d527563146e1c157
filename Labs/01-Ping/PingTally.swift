import NetLabKit

// `PingSummary`'s fields are given, in `PingSummary.swift`.
extension PingSummary {
    /// Lost pings as a percentage of those sent (0 when nothing was sent).
    public var lossPercent: Double {
        .nan  // TODO: (transmitted - received) as a percentage of transmitted.
    }
}

/// The ping client's bookkeeping: which pings went out and when, which were answered, which
/// timed out. It has no socket and no clock: the time is passed in, so it can be tested on
/// byte arrays, and `PingClient` does the sending and the waiting.
///
/// Part 4, step 1. Nothing here touches the network.
public struct PingTally: Sendable {
    /// The only address a reply may come from.
    public let server: SocketAddress
    // TODO: add what you need to remember: each ping's send time (a dictionary from sequence
    // number to time), the sequence numbers answered and those timed out (two sets), and an
    // `RTTStatistics` of the replies (your Part 2).

    public init(server: SocketAddress) {
        self.server = server
    }

    /// Records that ping `sequence` went out at `time` (seconds, from the client's clock).
    public mutating func sent(_ sequence: Int, at time: Double) throws {
        throw NotImplemented("PingTally.sent")
    }

    /// Records that no reply to ping `sequence` came in time: it counts as lost, for good.
    public mutating func timedOut(_ sequence: Int) throws {
        throw NotImplemented("PingTally.timedOut")
    }

    /// Says what one arriving datagram is, and counts it if it is a reply.
    ///
    /// TODO: return exactly one event:
    /// - `.stray(bytes:from:)` if `sender` is not `server`, if `PingMessage.decode` rejects
    ///   the bytes, if it is a heartbeat, or if its sequence number was never sent;
    /// - `.duplicate` if that ping was already answered;
    /// - `.late` if that ping already timed out;
    /// - otherwise `.reply`, with `bytes: datagram.count` and the RTT in milliseconds:
    ///   `(time - send time) * 1000`. Remember it as answered and add the RTT to your statistics.
    public mutating func classify(
        _ datagram: [UInt8], from sender: SocketAddress, at time: Double
    ) throws -> PingEvent {
        throw NotImplemented("PingTally.classify")
    }

    /// The totals so far: pings sent, replies counted, and the RTT statistics of those replies
    /// (`nil` when none came).
    public func summary() throws -> PingSummary {
        throw NotImplemented("PingTally.summary")
    }
}
