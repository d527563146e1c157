import NetLabKit

/// Round-trip-time statistics, computed the way ping(8) computes them.
///
/// Only running sums are kept, not every sample, so a ping that runs for a week uses no
/// more memory than one that runs for a second.
public struct RTTStatistics: Sendable {
    private var count = 0
    private var sum = 0.0
    private var sumOfSquares = 0.0
    private var minimum = Double.infinity
    private var maximum = -Double.infinity

    public init() {}

    /// Records one round-trip time.
    ///
    /// - Parameter milliseconds: the RTT of one reply.
    public mutating func add(_ milliseconds: Double) throws {
        count += 1
        sum += milliseconds
        sumOfSquares += milliseconds * milliseconds
        minimum = min(minimum, milliseconds)
        maximum = max(maximum, milliseconds)
    }

    /// The statistics so far.
    ///
    /// - Returns: minimum, average, maximum and mean deviation, or `nil` before any sample.
    ///   The mean deviation is ping(8)'s `mdev`: the standard deviation
    ///   `sqrt(mean(x²) − mean(x)²)`, not the mean absolute deviation its name suggests.
    public func summary() throws -> RTTSummary? {
        guard count > 0 else { return nil }
        let n = Double(count)
        let average = sum / n
        // Rounding can make the difference a hair below zero when all samples are equal.
        let variance = max(0, sumOfSquares / n - average * average)
        return RTTSummary(minimum: minimum, average: average, maximum: maximum, meanDeviation: variance.squareRoot())
    }
}

// `RTTSummary`'s fields are given, in `RTTSummary.swift`.
extension RTTSummary {
    /// `rtt min/avg/max/mdev = 0.045/0.067/0.089/0.012 ms`, three decimals each, as ping
    /// prints it.
    public func line() throws -> String {
        let numbers = [minimum, average, maximum, meanDeviation].map { fixed($0, decimals: 3) }
        return "rtt min/avg/max/mdev = \(numbers.joined(separator: "/")) ms"
    }
}
