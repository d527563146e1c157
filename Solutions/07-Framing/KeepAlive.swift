/// When to send a KEEPALIVE, and when to give up on a silent peer.
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

    /// What to do now. Expiry wins over sending: a peer gone needs no keep-alive.
    public func action(at now: Double) -> KeepAliveAction {
        if now - lastHeard >= 3 * interval { return .expire }
        if now - lastSent >= interval { return .send }
        return .wait
    }

    /// When `action` next changes its answer, if nothing is heard or sent before.
    public var nextDeadline: Double { min(lastSent + interval, lastHeard + 3 * interval) }
}
