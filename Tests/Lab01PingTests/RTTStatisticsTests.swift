import Lab01Ping
import NetLabKit
import Testing

@Suite("Part 2: RTT statistics")
struct RTTStatisticsTests {
    func summary(of samples: [Double]) throws -> RTTSummary? {
        var statistics = RTTStatistics()
        for sample in samples { try statistics.add(sample) }
        return try statistics.summary()
    }

    /// The summary of `samples`; fails the test if there is none.
    func required(_ samples: [Double], _ label: String) throws -> RTTSummary {
        let result = try summary(of: samples)
        return try #require(result, "\(label) gave no summary")
    }

    @Test("min, avg and max are the smallest, mean and largest samples")
    func minimumAverageMaximum() throws {
        let result = try required([4, 1, 3, 2], "samples [4, 1, 3, 2]")
        #expect(result.minimum == 1, "samples [4, 1, 3, 2]")
        #expect(result.average == 2.5, "samples [4, 1, 3, 2]")
        #expect(result.maximum == 4, "samples [4, 1, 3, 2]")
    }

    @Test("mdev is ping's: sqrt(mean of squares - square of mean)")
    func meanDeviationIsPings() throws {
        let four = try required([1, 2, 3, 4], "samples [1, 2, 3, 4]")
        // mean(x²) = 7.5, mean(x)² = 6.25, mdev = sqrt(1.25)
        #expect(abs(four.meanDeviation - 1.118_033_988_7) < 1e-9, "samples [1, 2, 3, 4]: mdev \(four.meanDeviation)")
        let two = try required([10, 20], "samples [10, 20]")
        #expect(abs(two.meanDeviation - 5) < 1e-9, "samples [10, 20]: mdev \(two.meanDeviation)")
    }

    @Test(
        "one sample, or equal samples, have mdev 0 (and print 0.000, not nan)",
        arguments: [[0.731], [0.1, 0.1, 0.1], [0.2, 0.2, 0.2], Array(repeating: 0.7, count: 7),
                    Array(repeating: 0.1, count: 7)])
    func equalSamplesHaveNoDeviation(samples: [Double]) throws {
        let result = try required(samples, "samples \(samples)")
        // Rounding may leave a trace above 0, but never a nan: the root of a tiny negative.
        let mdev = result.meanDeviation
        #expect(!mdev.isNaN && mdev < 1e-6, "samples \(samples): mdev \(mdev)")
        let line = try result.line()
        #expect(line.hasSuffix("/0.000 ms"), "samples \(samples)")
    }

    @Test("with no samples there is no summary")
    func emptyHasNoSummary() throws {
        let result = try summary(of: [])
        #expect(result == nil, "no samples")
    }

    @Test("the rtt line reads like ping(8)'s, three decimals each")
    func lineFormat() throws {
        let result = try required([1, 2, 3, 4], "samples [1, 2, 3, 4]")
        let line = try result.line()
        #expect(line == "rtt min/avg/max/mdev = 1.000/2.500/4.000/1.118 ms", "samples [1, 2, 3, 4]")
        let small = try RTTSummary(minimum: 0.0456, average: 0.0674, maximum: 12.3454, meanDeviation: 0.0125).line()
        #expect(small == "rtt min/avg/max/mdev = 0.046/0.067/12.345/0.013 ms",
                "RTTSummary(minimum: 0.0456, average: 0.0674, maximum: 12.3454, meanDeviation: 0.0125)")
    }

    @Test("a thousand samples give the same figures as computing from the full list")
    func manySamples() throws {
        var generator = SeededRandom(seed: 11)
        let samples = (0..<1000).map { _ in Double(generator.next() % 100_000) / 1000 }
        let result = try required(samples, "1000 samples, seed 11")
        let mean = samples.reduce(0, +) / Double(samples.count)
        let deviation = (samples.map { $0 * $0 }.reduce(0, +) / Double(samples.count) - mean * mean).squareRoot()
        #expect(result.minimum == samples.min(), "1000 samples, seed 11")
        #expect(result.maximum == samples.max(), "1000 samples, seed 11")
        #expect(abs(result.average - mean) < 1e-9, "1000 samples, seed 11: average \(result.average), expected \(mean)")
        #expect(abs(result.meanDeviation - deviation) < 1e-6,
                "1000 samples, seed 11: mdev \(result.meanDeviation), expected \(deviation)")
    }
}
