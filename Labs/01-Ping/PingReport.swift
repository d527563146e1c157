import NetLabKit

/// The lines the ping client prints, in ping(8)'s shape.
public enum PingReport {
    /// The line for one event, or `nil` for strays (the program logs those separately).
    ///
    /// - `24 bytes from 127.0.0.1: seq=1 time=0.123 ms`   (the sender's IP, three decimals)
    /// - `Request timeout for seq 3`
    /// - `late reply for seq 3 (already counted as lost)`
    /// - `duplicate reply for seq 2 (not counted)`
    public static func line(for event: PingEvent) throws -> String? {
        throw NotImplemented("PingReport.line")
    }

    /// The closing statistics:
    ///
    ///     --- 127.0.0.1 ping statistics ---
    ///     10 packets transmitted, 8 received, 20% packet loss
    ///     rtt min/avg/max/mdev = 0.045/0.067/0.089/0.012 ms
    ///
    /// The loss has up to six significant digits (`33.3333%`): `significant(_:)` from
    /// NetLabKit formats it. Leave the `rtt` line out when no reply came.
    public static func summary(host: String, _ summary: PingSummary) throws -> [String] {
        throw NotImplemented("PingReport.summary")
    }
}
