import NetLabKit

// The window's state, `phase` and `window` are given, in `CongestionControl+State.swift`.
extension CongestionControl {
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
