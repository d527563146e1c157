/// What a `LossyChannel` does to the datagrams that pass through it.
///
/// Every fault applies independently in each direction (data *and* acknowledgements), and
/// every random choice comes from `seed`, so a run with the same seed and the same traffic
/// replays the same fate for every datagram.
///
/// ```swift
/// var faults = Faults(seed: 42)
/// faults.loss = 0.3          // drop 30% of datagrams
/// faults.duplicate = 0.1     // send 10% of them twice
/// faults.delay = 0.002       // 2 ms, plus up to 3 ms of jitter, which reorders
/// faults.jitter = 0.003
/// let channel = try LossyChannel(bindingTo: address, faults: faults)
/// ```
public struct Faults: Sendable, Equatable, CustomStringConvertible {
    /// Probability (0...1) that a datagram is dropped, each one on its own.
    public var loss: Double = 0
    /// Gilbert–Elliott burst loss: drops come in runs, as on a congested or fading link.
    /// `nil` turns it off.
    public var burst: GilbertElliott? = nil
    /// Probability that a datagram has one random bit flipped (sometimes a few).
    public var corrupt: Double = 0
    /// Probability that a datagram is delivered twice.
    public var duplicate: Double = 0
    /// Fixed one-way delay in seconds added to every datagram.
    public var delay: Double = 0
    /// Extra delay, uniform in 0...jitter seconds, drawn for each datagram. A datagram with a
    /// large draw is overtaken by later ones: this is how the channel reorders.
    public var jitter: Double = 0
    /// The outgoing link's speed in bytes per second, or `nil` for unlimited. Datagrams queue
    /// behind each other like on a real link, and a full queue drops (tail drop).
    public var rate: Double? = nil
    /// How many bytes the rate-limited link queues before it drops.
    public var queueLimit: Int = 64 * 1024
    /// The seed every random choice derives from.
    public var seed: UInt64 = 1
    /// A pcap file to record every datagram in (see `PcapWriter`), or `nil`.
    public var pcapPath: String? = nil

    /// A perfect channel: nothing lost, nothing late.
    public static let none = Faults()

    public init(seed: UInt64 = 1) {
        self.seed = seed
    }

    /// True when the channel changes nothing and can pass datagrams straight through.
    public var isPerfect: Bool {
        loss == 0 && burst == nil && corrupt == 0 && duplicate == 0 && delay == 0 && jitter == 0 && rate == nil
    }

    /// `"loss=0.3 duplicate=0.1 seed=42"`: only the faults that are on.
    public var description: String {
        var parts: [String] = []
        if loss > 0 { parts.append("loss=\(loss)") }
        if let burst { parts.append("burst=\(burst.enterBad)") }
        if corrupt > 0 { parts.append("corrupt=\(corrupt)") }
        if duplicate > 0 { parts.append("duplicate=\(duplicate)") }
        if delay > 0 { parts.append("delay=\(delay * 1000)ms") }
        if jitter > 0 { parts.append("jitter=\(jitter * 1000)ms") }
        if let rate { parts.append("rate=\(Int(rate))B/s") }
        if parts.isEmpty { parts.append("no faults") }
        parts.append("seed=\(seed)")
        return parts.joined(separator: " ")
    }
}

/// The Gilbert–Elliott two-state loss model.
///
/// The link is either *good* or *bad*. Before each datagram it may switch state; in the good
/// state it drops with probability `lossInGood`, in the bad state with `lossInBad`. With the
/// defaults a bad spell lasts 1 / `leaveBad` = 4 datagrams on average, and nearly all of them
/// are lost: the bursts that defeat a protocol tuned only for scattered loss.
public struct GilbertElliott: Sendable, Equatable {
    /// Probability of moving from good to bad before a datagram.
    public var enterBad: Double
    /// Probability of moving from bad back to good before a datagram.
    public var leaveBad: Double
    /// Loss probability while good.
    public var lossInGood: Double
    /// Loss probability while bad.
    public var lossInBad: Double

    public init(enterBad: Double, leaveBad: Double = 0.25, lossInGood: Double = 0, lossInBad: Double = 1) {
        self.enterBad = enterBad
        self.leaveBad = leaveBad
        self.lossInGood = lossInGood
        self.lossInBad = lossInBad
    }

    /// The long-run fraction of datagrams lost.
    public var averageLoss: Double {
        let bad = enterBad / (enterBad + leaveBad)
        return bad * lossInBad + (1 - bad) * lossInGood
    }
}
