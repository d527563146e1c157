/// When to send a KEEPALIVE, and when to give up on a silent peer. Given code: the
/// decisions are in KeepAliveClock+Action.swift.
public enum KeepAliveAction: Equatable, Sendable {
    case wait
    /// Nothing was sent for a whole interval: send a KEEPALIVE.
    case send
    /// Nothing was heard for three intervals: the peer is gone.
    case expire
}

public struct KeepAliveClock: Equatable, Sendable {
    public let interval: Double
    public private(set) var lastHeard: Double
    public private(set) var lastSent: Double

    public init(interval: Double, now: Double) {
        self.interval = interval
        lastHeard = now
        lastSent = now
    }

    /// Anything at all arrived from the peer.
    public mutating func heard(at now: Double) { lastHeard = now }

    /// Anything at all went to the peer.
    public mutating func sent(at now: Double) { lastSent = now }
}
