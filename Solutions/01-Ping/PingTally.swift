import NetLabKit

// `PingSummary`'s fields are given, in `PingSummary.swift`.
extension PingSummary {
    /// Lost pings as a percentage of those sent (0 when nothing was sent).
    public var lossPercent: Double {
        transmitted == 0 ? 0 : Double(transmitted - received) * 100 / Double(transmitted)
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
    private var sentAt: [Int: Double] = [:]  // sequence → send time, in seconds
    private var answered: Set<Int> = []
    private var lost: Set<Int> = []
    private var statistics = RTTStatistics()

    public init(server: SocketAddress) {
        self.server = server
    }

    /// Records that ping `sequence` went out at `time` (seconds, from the client's clock).
    public mutating func sent(_ sequence: Int, at time: Double) throws {
        sentAt[sequence] = time
    }

    /// Records that no reply to ping `sequence` came in time: it counts as lost, for good.
    public mutating func timedOut(_ sequence: Int) throws {
        lost.insert(sequence)
    }

    /// Says what one arriving datagram is, and counts it if it is a reply.
    ///
    /// - Parameters:
    ///   - datagram: the bytes that arrived.
    ///   - sender: where they came from.
    ///   - time: when they arrived (seconds, the same clock as `sent(_:at:)`).
    /// - Returns: `.reply` (with the RTT in milliseconds) for the first answer to a ping still
    ///   waiting, `.late` for an answer to a ping that timed out, `.duplicate` for a second
    ///   answer, and `.stray` for anything else: another sender, a sequence number never sent,
    ///   a heartbeat, or not a ping message at all.
    public mutating func classify(
        _ datagram: [UInt8], from sender: SocketAddress, at time: Double
    ) throws -> PingEvent {
        guard sender == server, let message = try? PingMessage.decode(datagram),
            message.kind == .ping, let sent = sentAt[message.sequence]
        else {
            return .stray(bytes: datagram.count, from: sender)
        }
        let sequence = message.sequence
        if answered.contains(sequence) { return .duplicate(sequence: sequence) }
        if lost.contains(sequence) { return .late(sequence: sequence) }
        let milliseconds = (time - sent) * 1000
        answered.insert(sequence)
        try statistics.add(milliseconds)
        return .reply(sequence: sequence, milliseconds: milliseconds, bytes: datagram.count, from: sender)
    }

    /// The totals so far: pings sent, replies counted, and the RTT statistics of those replies.
    public func summary() throws -> PingSummary {
        PingSummary(transmitted: sentAt.count, received: answered.count, rtt: try statistics.summary())
    }
}
