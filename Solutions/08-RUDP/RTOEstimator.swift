import NetLabKit

// The estimator's state and `init` are given, in `RTOEstimator+State.swift`.
extension RTOEstimator {
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
