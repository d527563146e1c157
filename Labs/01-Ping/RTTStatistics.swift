import NetLabKit

/// Round-trip-time statistics, computed the way ping(8) computes them.
///
/// Keep running sums (count, sum, sum of squares, min, max), not a list of every sample:
/// a ping that runs for a week should use no more memory than one that runs for a second.
public struct RTTStatistics: Sendable {
    // TODO: add the stored properties you need.

    public init() {}

    /// Records one round-trip time, in milliseconds.
    public mutating func add(_ milliseconds: Double) throws {
        throw NotImplemented("RTTStatistics.add")
    }

    /// The statistics so far, or `nil` before the first sample.
    ///
    /// TODO: ping's `mdev` is `sqrt(mean(x²) − mean(x)²)`. Floating-point rounding can make
    /// the value under the root a hair below zero when all samples are equal: clamp it at 0.
    public func summary() throws -> RTTSummary? {
        throw NotImplemented("RTTStatistics.summary")
    }
}

// `RTTSummary`'s fields are given, in `RTTSummary.swift`.
extension RTTSummary {
    /// `rtt min/avg/max/mdev = 0.045/0.067/0.089/0.012 ms`, three decimals each.
    public func line() throws -> String {
        throw NotImplemented("RTTSummary.line")
    }
}
