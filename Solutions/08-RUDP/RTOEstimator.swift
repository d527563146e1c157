import NetLabKit

/// The retransmission timeout, computed as RFC 6298 says.
///
/// A sender waits `rto` seconds for an acknowledgement before it resends. Too short and it
/// floods the network with copies; too long and every loss stalls the transfer. So the
/// sender measures round-trip times and keeps a smoothed average (SRTT) and a smoothed
/// deviation (RTTVAR):
///
/// - first sample R: SRTT = R, RTTVAR = R/2                          (RFC 6298 §2.2)
/// - later samples:  RTTVAR = 3/4·RTTVAR + 1/4·|SRTT − R|, then
///                   SRTT   = 7/8·SRTT   + 1/8·R                     (§2.3, in that order)
/// - RTO = SRTT + max(G, 4·RTTVAR), kept within [minimum, maximum]   (§2.2–2.5)
///
/// Karn's rule (§3): a segment that was retransmitted gives no sample, because the ACK
/// might answer either copy. On a timeout the RTO doubles (§5.5) up to the maximum, and it
/// stays doubled until a fresh sample arrives.
public struct RTOEstimator: Sendable, Equatable {
    /// The smoothed round-trip time, or `nil` before the first sample.
    public private(set) var smoothedRTT: Double?
    /// The round-trip time variation, or `nil` before the first sample.
    public private(set) var rttVariation: Double?
    /// The current retransmission timeout, in seconds.
    public private(set) var rto: Double
    /// How many times in a row the timer has backed off.
    public private(set) var backoffs = 0

    public let minimum: Double
    public let maximum: Double
    /// The clock granularity G.
    public let granularity: Double

    /// - Parameters:
    ///   - initial: the RTO before any sample (RFC 6298 says 1 s; loopback wants less).
    ///   - minimum: the smallest RTO (RFC 6298 says 1 s; loopback wants a few ms).
    ///   - maximum: the largest RTO, also the cap on backoff.
    ///   - granularity: the clock granularity G.
    public init(initial: Double = 1, minimum: Double = 1, maximum: Double = 60, granularity: Double = 0.001) {
        self.minimum = minimum
        self.maximum = maximum
        self.granularity = granularity
        rto = min(max(initial, minimum), maximum)
    }

    /// Takes one round-trip measurement into account.
    ///
    /// - Parameters:
    ///   - sample: the measured round-trip time in seconds.
    ///   - retransmitted: whether the measured segment was sent more than once; then the
    ///     sample is ignored (Karn's rule).
    public mutating func record(sample: Double, retransmitted: Bool = false) throws {
        guard !retransmitted, sample >= 0 else { return }
        if let srtt = smoothedRTT, let rttvar = rttVariation {
            let variation = 0.75 * rttvar + 0.25 * abs(srtt - sample)
            rttVariation = variation
            smoothedRTT = 0.875 * srtt + 0.125 * sample
        } else {
            smoothedRTT = sample
            rttVariation = sample / 2
        }
        backoffs = 0
        rto = min(max(smoothedRTT! + max(granularity, 4 * rttVariation!), minimum), maximum)
    }

    /// Doubles the RTO after a timeout (RFC 6298 §5.5), never beyond `maximum`.
    public mutating func backOff() throws {
        backoffs += 1
        rto = min(rto * 2, maximum)
    }
}
