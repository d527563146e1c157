/// What a lossy channel did, counted per direction.
public struct ChannelCounters: Sendable, Equatable, CustomStringConvertible {
    /// Counts for one direction.
    public struct Direction: Sendable, Equatable {
        /// Datagrams handed to the channel (outbound: by `send`; inbound: by the socket).
        public var datagrams = 0
        /// Their bytes.
        public var bytes = 0
        /// Dropped by independent loss.
        public var dropped = 0
        /// Dropped by Gilbert–Elliott burst loss.
        public var burstDropped = 0
        /// Damaged by bit flips (and still delivered).
        public var corrupted = 0
        /// Delivered twice.
        public var duplicated = 0
        /// Held back by delay or jitter.
        public var delayed = 0
        /// Dropped because the rate-limited link's queue was full.
        public var queueDropped = 0
        /// Copies actually delivered (sent on the wire, or returned by `receive`).
        public var delivered = 0

        public init() {}

        /// Every drop, whatever its cause.
        public var totalDropped: Int { dropped + burstDropped + queueDropped }
    }

    /// What this side sent.
    public var outbound = Direction()
    /// What arrived for this side.
    public var inbound = Direction()

    public init() {}

    public var description: String {
        func line(_ name: String, _ d: Direction) -> String {
            "\(name): \(d.datagrams) datagrams, \(d.delivered) delivered, \(d.dropped) lost, "
                + "\(d.burstDropped) lost in bursts, \(d.queueDropped) queue drops, \(d.corrupted) corrupted, "
                + "\(d.duplicated) duplicated, \(d.delayed) delayed"
        }
        return line("out", outbound) + "\n" + line("in", inbound)
    }
}
