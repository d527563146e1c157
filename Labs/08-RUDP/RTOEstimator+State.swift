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
///
/// This file is given: the state and `init`. Taking a sample and backing off are `record` and
/// `backOff`, in `RTOEstimator.swift`: you write them.
public struct RTOEstimator: Sendable, Equatable {
    /// The smoothed round-trip time, or `nil` before the first sample.
    public internal(set) var smoothedRTT: Double?
    /// The round-trip time variation, or `nil` before the first sample.
    public internal(set) var rttVariation: Double?
    /// The current retransmission timeout, in seconds.
    public internal(set) var rto: Double
    /// How many times in a row the timer has backed off.
    public internal(set) var backoffs = 0

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
}
