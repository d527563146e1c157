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
public struct CongestionControl: Sendable, Equatable {
    public enum Phase: String, Sendable {
        case slowStart = "slow start"
        case congestionAvoidance = "congestion avoidance"
    }

    /// The congestion window in segments (fractional during congestion avoidance).
    public private(set) var cwnd: Double
    /// The slow-start threshold in segments.
    public private(set) var ssthresh: Double
    /// Duplicate ACKs seen in a row.
    public private(set) var duplicateAcks = 0
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

    /// New data was acknowledged.
    ///
    /// - Parameter segments: how many segments the ACK newly covers (more than one when
    ///   ACKs were lost or combined).
    public mutating func acknowledged(segments: Int) throws {
        duplicateAcks = 0
        for _ in 0..<max(segments, 0) {
            if cwnd < ssthresh {
                cwnd += 1
            } else {
                cwnd += 1 / cwnd
            }
        }
        cwnd = min(cwnd, maximumWindow)
    }

    /// An ACK repeated the last acknowledgment number while data was outstanding.
    ///
    /// - Parameter outstanding: segments in flight. With fewer than four, three duplicates
    ///   can never come, so the threshold drops to `outstanding - 1` (early retransmit,
    ///   RFC 5827). Leave it out for the classic rule.
    /// - Returns: `true` when the duplicates reach the threshold (three, classically):
    ///   retransmit now (fast retransmit). Later duplicates return `false`.
    public mutating func duplicateAcknowledgment(outstanding: Int = .max) throws -> Bool {
        duplicateAcks += 1
        let threshold = outstanding < 4 ? max(1, outstanding - 1) : 3
        guard duplicateAcks == threshold else { return false }
        ssthresh = max(cwnd / 2, 2)
        cwnd = ssthresh
        return true
    }

    /// The retransmission timer expired.
    public mutating func timedOut() throws {
        ssthresh = max(cwnd / 2, 2)
        cwnd = 1
        duplicateAcks = 0
    }
}
