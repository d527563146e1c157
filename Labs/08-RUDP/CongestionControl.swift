import NetLabKit

// The window's state, `phase` and `window` are given, in `CongestionControl+State.swift`.
extension CongestionControl {
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
