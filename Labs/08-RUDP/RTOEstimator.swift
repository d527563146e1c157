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
        // TODO: Karn: ignore the sample if retransmitted. First sample: SRTT = R, RTTVAR = R/2.
        //   Later: RTTVAR = 3/4 RTTVAR + 1/4 |SRTT - R| (old SRTT!), then SRTT = 7/8 SRTT + 1/8 R.
        //   RTO = SRTT + max(granularity, 4 RTTVAR), clamped to [minimum, maximum]; backoffs = 0.
        throw NotImplemented("RTOEstimator.record(sample:retransmitted:)")
    }

    /// Doubles the RTO after a timeout (RFC 6298 §5.5), never beyond `maximum`.
    public mutating func backOff() throws {
        // TODO: Count the backoff and double the RTO, never beyond maximum.
        throw NotImplemented("RTOEstimator.backOff")
    }
}
