// This file is given. `lossPercent` is yours, in `PingTally.swift`.

/// The totals of a ping run.
public struct PingSummary: Equatable, Sendable {
    public var transmitted: Int
    public var received: Int
    /// `nil` when no reply came.
    public var rtt: RTTSummary?

    public init(transmitted: Int, received: Int, rtt: RTTSummary?) {
        self.transmitted = transmitted
        self.received = received
        self.rtt = rtt
    }
}
