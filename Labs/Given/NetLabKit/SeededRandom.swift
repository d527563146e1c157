/// A random number generator that repeats exactly for the same seed.
///
/// Anything random in NetLab (which datagram a lossy server drops, which bit a channel
/// flips) draws from one of these, so a failing run replays exactly with its seed. It is
/// SplitMix64: tiny, fast, and good enough for simulations (not for cryptography).
internal import NetLabSystem

public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// - Parameter seed: any number; the same seed gives the same sequence.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in 0..<1.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with the given probability (0 never, 1 always).
    public mutating func chance(_ probability: Double) -> Bool {
        probability > 0 && nextUnit() < probability
    }

    /// A seed from the clock, for runs where the user gave none. Print it so the run can
    /// be replayed.
    public static func freshSeed() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return UInt64(truncatingIfNeeded: time.tv_nsec) ^ (UInt64(truncatingIfNeeded: time.tv_sec) << 20)
    }
}
