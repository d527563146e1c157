/// The channel flags every program built on the lossy channel accepts, and their parsing.
import NetLabKit

extension Faults {
    /// `--loss`, `--burst`, `--corrupt`, `--duplicate`, `--delay-ms`, `--jitter-ms`, `--rate`,
    /// `--seed` and `--pcap`: add them to a subcommand's options.
    public static let commandLineOptions: [Option] = [
        .value("--loss", "p", "Drop each datagram with probability p (0-1).", default: "0"),
        .value(
            "--burst", "p", "Burst loss: enter a lossy spell (about 4 datagrams long) with probability p.", default: "0"
        ),
        .value("--corrupt", "p", "Flip a bit in a datagram with probability p.", default: "0"),
        .value("--duplicate", "p", "Deliver a datagram twice with probability p.", default: "0"),
        .value("--delay-ms", "ms", "Delay every datagram by this many milliseconds.", default: "0"),
        .value("--jitter-ms", "ms", "Add up to this many more milliseconds, at random (reorders).", default: "0"),
        .value("--rate", "bytes/s", "Limit the outgoing link, e.g. 500K or 2M bytes per second."),
        .value("--seed", "n", "Seed for every random fault (printed when not given)."),
        .value("--pcap", "file", "Record every datagram, dropped ones too, in a pcap file."),
    ]

    /// Reads the channel flags.
    ///
    /// - Throws: `UsageError` for a value out of range.
    public init(arguments: ParsedArguments) throws {
        self.init(seed: 1)
        loss = try arguments.double("--loss", in: 0...1) ?? 0
        let burstChance = try arguments.double("--burst", in: 0...1) ?? 0
        burst = burstChance > 0 ? GilbertElliott(enterBad: burstChance) : nil
        corrupt = try arguments.double("--corrupt", in: 0...1) ?? 0
        duplicate = try arguments.double("--duplicate", in: 0...1) ?? 0
        delay = (try arguments.double("--delay-ms", in: 0...60_000) ?? 0) / 1000
        jitter = (try arguments.double("--jitter-ms", in: 0...60_000) ?? 0) / 1000
        if let text = arguments.string("--rate") {
            guard let value = Faults.parseRate(text) else {
                throw UsageError("--rate must be bytes per second such as 250000, 500K or 2M, not '\(text)'")
            }
            rate = value
        }
        if let text = arguments.string("--seed") {
            guard let value = UInt64(text) else {
                throw UsageError("--seed must be a whole number from 0 to \(UInt64.max), not '\(text)'")
            }
            seed = value
        } else {
            seed = SeededRandom.freshSeed()
        }
        pcapPath = arguments.string("--pcap")
    }

    /// `"2M"` → 2,000,000; `"500K"` → 500,000; `"1200"` → 1200. `nil` if not a positive rate.
    public static func parseRate(_ text: String) -> Double? {
        var digits = text.uppercased()
        var scale = 1.0
        if digits.hasSuffix("K") {
            scale = 1e3
        } else if digits.hasSuffix("M") {
            scale = 1e6
        } else if digits.hasSuffix("G") {
            scale = 1e9
        }
        if scale != 1 { digits.removeLast() }
        guard let value = Double(digits), value.isFinite, value > 0 else { return nil }
        return value * scale
    }
}
