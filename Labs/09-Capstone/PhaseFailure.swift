import NetLabKit

/// A phase that failed: which one, what it tried, for how long, and why. Given code: the
/// one line the client prints for it is yours (`PhaseFailure+Message.swift`, part 7).
public struct PhaseFailure: Error, Sendable, CustomStringConvertible {
    /// `dhcp`, `dns`, `tcp`, `relay` or `rudp`.
    public var phase: String
    /// What the phase tried, such as `DISCOVER to 127.0.0.1:6767` or `my-app.home A from 127.0.0.1:53`.
    public var tried: String
    /// How long it tried, in seconds.
    public var seconds: Double
    /// Why it gave up: the error's text (`no DHCP server answered`, `NXDOMAIN`…).
    public var reason: String

    public init(phase: String, tried: String, seconds: Double, reason: String) {
        (self.phase, self.tried, self.seconds, self.reason) = (phase, tried, seconds, reason)
    }

    public var description: String { message }
}
