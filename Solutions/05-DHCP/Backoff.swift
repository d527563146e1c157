import NetLabKit

/// When a client retransmits: RFC 2131 §4.1's randomised exponential backoff.
///
/// The first retransmission comes 4 seconds after the first try, the next 8 seconds
/// after that, then 16, 32, and 64 at most; each wait moves by a uniform random amount
/// from -1 to +1 second, so that machines that booted together do not retransmit together.
/// On loopback a reply takes microseconds, so the lab scales every figure down by
/// `scale` (1/16 by default: 0.25 s, 0.5 s, 1 s, 2 s, 4 s, each ±0.0625 s).
public struct Backoff: Sendable {
    /// The factor on RFC 2131's seconds; 1 is a real LAN.
    public let scale: Double
    private var random: SeededRandom

    /// The lab's default for loopback.
    public static let loopbackScale = 1.0 / 16

    public init(scale: Double = Backoff.loopbackScale, seed: UInt64) {
        self.scale = scale
        random = SeededRandom(seed: seed)
    }

    /// The wait after try number `attempt` (0 is the first send) before the next one:
    /// `min(4 × 2^attempt, 64)` seconds plus a uniform random amount in -1…+1, times `scale`.
    public mutating func delay(afterAttempt attempt: Int) throws -> Double {
        let base = Double(4 << min(max(attempt, 0), 4))
        let jitter = random.nextUnit() * 2 - 1
        return (base + jitter) * scale
    }
}
