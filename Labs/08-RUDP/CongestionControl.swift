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
        // TODO: Reset the duplicate count. For each acknowledged segment: +1 in slow start
        //   (cwnd < ssthresh), +1/cwnd in congestion avoidance. Never above maximumWindow.
        throw NotImplemented("CongestionControl.acknowledged(segments:)")
    }

    /// An ACK repeated the last acknowledgment number while data was outstanding.
    ///
    /// - Parameter outstanding: segments in flight. With fewer than four, three duplicates
    ///   can never come, so the threshold drops to `outstanding - 1` (early retransmit,
    ///   RFC 5827). Leave it out for the classic rule.
    /// - Returns: `true` when the duplicates reach the threshold (three, classically):
    ///   retransmit now (fast retransmit). Later duplicates return `false`.
    public mutating func duplicateAcknowledgment(outstanding: Int = .max) throws -> Bool {
        // TODO: Count it. On reaching the threshold (3; or outstanding - 1, at least 1, when fewer than
        //   four segments are outstanding): ssthresh = max(cwnd / 2, 2), cwnd = ssthresh, return true.
        //   Every other call returns false.
        throw NotImplemented("CongestionControl.duplicateAcknowledgment")
    }

    /// The retransmission timer expired.
    public mutating func timedOut() throws {
        // TODO: ssthresh = max(cwnd / 2, 2), cwnd = 1, duplicate count back to 0.
        throw NotImplemented("CongestionControl.timedOut")
    }
}
