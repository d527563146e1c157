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

    @Test("min, avg and max are the smallest, mean and largest samples")
    func minimumAverageMaximum() throws {
        let result = try #require(try summary(of: [4, 1, 3, 2]))
        #expect(result.minimum == 1)
        #expect(result.average == 2.5)
        #expect(result.maximum == 4)
    }

    @Test("mdev is ping's: sqrt(mean of squares - square of mean)")
    func meanDeviationIsPings() throws {
        let result = try #require(try summary(of: [1, 2, 3, 4]))
        // mean(x²) = 7.5, mean(x)² = 6.25, mdev = sqrt(1.25)
        #expect(abs(result.meanDeviation - 1.118_033_988_7) < 1e-9)
        let two = try #require(try summary(of: [10, 20]))
        #expect(abs(two.meanDeviation - 5) < 1e-9)
    }

    @Test("one sample, or equal samples, have mdev 0")
    func equalSamplesHaveNoDeviation() throws {
        #expect(try #require(try summary(of: [0.731])).meanDeviation == 0)
        let equal = try #require(try summary(of: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]))
        #expect(equal.meanDeviation < 1e-6, "rounding may leave a trace, but it must print as 0.000")
    }

    @Test("with no samples there is no summary")
    func emptyHasNoSummary() throws {
        #expect(try summary(of: []) == nil)
    }

    @Test("the rtt line reads like ping(8)'s, three decimals each")
    func lineFormat() throws {
        let result = try #require(try summary(of: [1, 2, 3, 4]))
        #expect(try result.line() == "rtt min/avg/max/mdev = 1.000/2.500/4.000/1.118 ms")
    }

    @Test("a thousand samples give the same figures as computing from the full list")
    func manySamples() throws {
        var generator = SeededRandom(seed: 11)
        let samples = (0..<1000).map { _ in Double(generator.next() % 100_000) / 1000 }
        let result = try #require(try summary(of: samples))
        let mean = samples.reduce(0, +) / Double(samples.count)
        let deviation = (samples.map { $0 * $0 }.reduce(0, +) / Double(samples.count) - mean * mean).squareRoot()
        #expect(result.minimum == samples.min())
        #expect(result.maximum == samples.max())
        #expect(abs(result.average - mean) < 1e-9)
        #expect(abs(result.meanDeviation - deviation) < 1e-6)
    }
}
