import NetLabKit

/// AIMD congestion control, counted in segments: how many may be in flight.
///
/// - Slow start: while `cwnd < ssthresh`, every acknowledged segment adds one to `cwnd`,
///   so the window doubles each round trip.
/// - Congestion avoidance: afterwards every acknowledged segment adds 1/cwnd, about one
///   segment per round trip (additive increase).
/// - Fast retransmit (RFC 5681 §3.2): the third duplicate ACK says one segment is missing
///   but later ones arrive; halve: `ssthresh = max(cwnd/2, 2)`, `cwnd = ssthresh`
///   (multiplicative decrease), and resend at once.
/// - Timeout: a worse sign, nothing is getting through; `ssthresh = max(cwnd/2, 2)`,
///   `cwnd = 1`, and slow start again.
///
/// This file is given: the state, `init`, `phase` and `window`. Reacting to ACKs and timeouts
/// is `acknowledged`, `duplicateAcknowledgment` and `timedOut`, in `CongestionControl.swift`:
/// you write them.
public struct CongestionControl: Sendable, Equatable {
    public enum Phase: String, Sendable {
        case slowStart = "slow start"
        case congestionAvoidance = "congestion avoidance"
    }

    /// The congestion window in segments (fractional during congestion avoidance).
    public internal(set) var cwnd: Double
    /// The slow-start threshold in segments.
    public internal(set) var ssthresh: Double
    /// Duplicate ACKs seen in a row.
    public internal(set) var duplicateAcks = 0
    /// The window never grows past this.
    public let maximumWindow: Double

    public init(initialWindow: Double = 1, initialThreshold: Double = 64, maximumWindow: Double = 1024) {
        cwnd = initialWindow
        ssthresh = initialThreshold
        self.maximumWindow = maximumWindow
    }

    public var phase: Phase { cwnd < ssthresh ? .slowStart : .congestionAvoidance }

    /// Whole segments the window allows in flight (at least one).
    public var window: Int { max(1, Int(cwnd)) }
}
