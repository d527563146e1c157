import Lab08RUDP
import Testing

@Suite struct RTOEstimatorTests {
    /// RFC 6298 with a 1 ms clock and no bounds in the way.
    private func estimator() -> RTOEstimator {
        RTOEstimator(initial: 1, minimum: 0.001, maximum: 60, granularity: 0.001)
    }

    @Test("before any sample the RTO is the initial value")
    func initialValue() throws {
        var rto = estimator()
        #expect(rto.rto == 1)
        #expect(rto.smoothedRTT == nil)
        try rto.record(sample: 0.1)
        #expect(rto.smoothedRTT != nil, "a sample was recorded")
    }

    @Test("the first sample R gives SRTT = R, RTTVAR = R/2, RTO = SRTT + 4·RTTVAR")
    func firstSample() throws {
        var rto = estimator()
        try rto.record(sample: 0.1)
        #expect(rto.smoothedRTT == 0.1)
        #expect(rto.rttVariation == 0.05)
        #expect(abs(rto.rto - 0.3) < 1e-12, "0.1 + 4 × 0.05 = 0.3, got \(rto.rto)")
    }

    @Test("later samples update RTTVAR with the old SRTT, then SRTT (α = 1/8, β = 1/4)")
    func laterSamples() throws {
        var rto = estimator()
        try rto.record(sample: 0.1)
        try rto.record(sample: 0.2)
        // RTTVAR = 3/4 × 0.05 + 1/4 × |0.1 − 0.2| = 0.0625; SRTT = 7/8 × 0.1 + 1/8 × 0.2 = 0.1125
        #expect(abs(rto.rttVariation! - 0.0625) < 1e-12, "RTTVAR uses the SRTT from before this sample")
        #expect(abs(rto.smoothedRTT! - 0.1125) < 1e-12)
        #expect(abs(rto.rto - 0.3625) < 1e-12, "0.1125 + 4 × 0.0625")
        try rto.record(sample: 0.05)
        // RTTVAR = 3/4 × 0.0625 + 1/4 × |0.1125 − 0.05| = 0.0625; SRTT = 0.1046875
        #expect(abs(rto.rttVariation! - 0.0625) < 1e-12)
        #expect(abs(rto.smoothedRTT! - 0.1046875) < 1e-12)
        #expect(abs(rto.rto - 0.3546875) < 1e-12)
    }

    @Test("the clock granularity G is the least margin once RTTVAR is tiny")
    func granularity() throws {
        var rto = RTOEstimator(initial: 1, minimum: 0.001, maximum: 60, granularity: 0.05)
        for _ in 0..<100 { try rto.record(sample: 0.2) }
        #expect(abs(rto.rto - 0.25) < 1e-6, "SRTT 0.2 + max(G 0.05, 4·RTTVAR ≈ 0), got \(rto.rto)")
    }

    @Test("the RTO never goes below the minimum or above the maximum")
    func bounds() throws {
        var rto = RTOEstimator(initial: 1, minimum: 0.2, maximum: 2, granularity: 0.001)
        try rto.record(sample: 0.001)
        #expect(rto.rto == 0.2, "a 1 ms RTT still waits the 0.2 s minimum")
        var slow = RTOEstimator(initial: 1, minimum: 0.2, maximum: 2, granularity: 0.001)
        try slow.record(sample: 5)
        #expect(slow.rto == 2, "a 5 s RTT is capped at the 2 s maximum")
    }

    @Test("Karn's rule: a retransmitted segment's RTT is not sampled")
    func karn() throws {
        var rto = estimator()
        try rto.record(sample: 0.1)
        let before = rto
        try rto.record(sample: 3, retransmitted: true)
        #expect(rto == before, "an ambiguous sample must change nothing")
        try rto.record(sample: 0.1)
        #expect(rto.smoothedRTT == 0.1, "an unambiguous one still counts")
    }

    @Test("each timeout doubles the RTO up to the maximum; a fresh sample recomputes it")
    func backoff() throws {
        var rto = RTOEstimator(initial: 1, minimum: 0.001, maximum: 2, granularity: 0.001)
        try rto.record(sample: 0.1)  // RTO 0.3
        try rto.backOff()
        #expect(abs(rto.rto - 0.6) < 1e-12)
        try rto.backOff()
        #expect(abs(rto.rto - 1.2) < 1e-12)
        try rto.backOff()
        #expect(rto.rto == 2, "capped at the maximum")
        #expect(rto.backoffs == 3)
        try rto.record(sample: 0.1, retransmitted: true)
        #expect(rto.rto == 2, "Karn: the backed-off RTO stays until a valid sample")
        try rto.record(sample: 0.1)
        // RTTVAR = 3/4 × 0.05 + 0 = 0.0375, SRTT = 0.1: RTO = 0.25
        #expect(abs(rto.rto - 0.25) < 1e-12, "the formula takes over again, got \(rto.rto)")
        #expect(rto.backoffs == 0)
    }
}
