import Lab01Ping
import Testing

/// Hidden tests (the instructor's, never in the student edition): RTT statistics on inputs the
/// student's own tests do not try.
@Suite("Hidden: RTT statistics on other samples")
struct HiddenRTTStatisticsTests {
    func summary(of samples: [Double]) throws -> RTTSummary? {
        var statistics = RTTStatistics()
        for sample in samples { try statistics.add(sample) }
        return try statistics.summary()
    }

    @Test("the summary does not depend on the order the samples came in")
    func orderDoesNotMatter() throws {
        let forward = try #require(try summary(of: [0.5, 9.25, 3, 0.125, 7]), "samples in one order")
        let backward = try #require(try summary(of: [7, 0.125, 3, 9.25, 0.5]), "the same samples reversed")
        #expect(forward.minimum == 0.125 && backward.minimum == 0.125)
        #expect(forward.maximum == 9.25 && backward.maximum == 9.25)
        #expect(abs(forward.average - backward.average) < 1e-12)
        #expect(abs(forward.meanDeviation - backward.meanDeviation) < 1e-9)
    }

    @Test("a slow sample among fast ones moves the max and the mean, not the min")
    func oneSlowSample() throws {
        let result = try #require(try summary(of: [1, 1, 1, 101]), "samples [1, 1, 1, 101]")
        #expect(result.minimum == 1)
        #expect(result.maximum == 101)
        #expect(result.average == 26)
        // mean(x²) = (3 + 10201) / 4 = 2551, mean² = 676, mdev = sqrt(1875)
        #expect(abs(result.meanDeviation - 1875.0.squareRoot()) < 1e-9, "mdev \(result.meanDeviation)")
    }
}
