/// Decides the fate of each datagram in one direction: the pure heart of the lossy channel.
///
/// It does no I/O and reads no clock, so a test can feed it datagrams and check exactly what
/// comes out. The faults are applied in the order a real path would: the datagram may be
/// lost (independently, or in a Gilbert–Elliott burst), then damaged, then duplicated, and
/// each surviving copy gets its own delay.
import NetLabKit

public struct FaultInjector: Sendable {
    /// What happens to one datagram.
    public enum Fate: Sendable, Equatable {
        /// Lost. `burst` is true when the Gilbert–Elliott model dropped it.
        case dropped(burst: Bool)
        /// Delivered as these copies (one, or two when duplicated), each after its delay in
        /// seconds. `corrupted` says whether bits were flipped.
        case delivered([Copy], corrupted: Bool)
    }

    /// One copy of a datagram on its way.
    public struct Copy: Sendable, Equatable {
        public var bytes: [UInt8]
        public var delay: Double
    }

    public let faults: Faults
    private var random: SeededRandom
    private var inBadState = false

    /// - Parameters:
    ///   - faults: what to do.
    ///   - stream: separates the directions: the same seed with streams 0 and 1 gives two
    ///     independent sequences, so losses on data and on ACKs are not correlated.
    public init(faults: Faults, stream: UInt64 = 0) {
        self.faults = faults
        // Mix the stream into the seed so neighbouring seeds and streams do not overlap.
        var mixer = SeededRandom(seed: faults.seed ^ (stream &* 0xD6E8_FEB8_6659_FD93))
        random = SeededRandom(seed: mixer.next())
    }

    /// Decides what happens to `bytes`.
    public mutating func decide(_ bytes: [UInt8]) -> Fate {
        if let model = faults.burst {
            inBadState = inBadState ? !random.chance(model.leaveBad) : random.chance(model.enterBad)
            if random.chance(inBadState ? model.lossInBad : model.lossInGood) {
                return .dropped(burst: true)
            }
        }
        if random.chance(faults.loss) { return .dropped(burst: false) }

        var data = bytes
        let corrupted = !data.isEmpty && random.chance(faults.corrupt)
        if corrupted {
            // Usually one bit, now and then a few: the checksum must catch both.
            let flips = random.chance(0.25) ? 2 + Int(random.next() % 3) : 1
            for _ in 0..<flips {
                let bit = Int(random.next() % UInt64(data.count * 8))
                data[bit / 8] ^= UInt8(1) << UInt8(bit % 8)
            }
        }
        var copies = [Copy(bytes: data, delay: nextDelay())]
        if random.chance(faults.duplicate) {
            copies.append(Copy(bytes: data, delay: nextDelay()))
        }
        return .delivered(copies, corrupted: corrupted)
    }

    private mutating func nextDelay() -> Double {
        faults.delay + (faults.jitter > 0 ? random.nextUnit() * faults.jitter : 0)
    }
}
