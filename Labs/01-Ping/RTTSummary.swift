// This file is given. `line()` is yours, in `RTTStatistics.swift`.

/// The four numbers of ping's last line, in milliseconds.
public struct RTTSummary: Equatable, Sendable {
    public var minimum: Double
    public var average: Double
    public var maximum: Double
    public var meanDeviation: Double

    public init(minimum: Double, average: Double, maximum: Double, meanDeviation: Double) {
        self.minimum = minimum
        self.average = average
        self.maximum = maximum
        self.meanDeviation = meanDeviation
    }
}
