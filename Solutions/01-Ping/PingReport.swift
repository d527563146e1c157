import NetLabKit

/// The lines the ping client prints, in ping(8)'s shape.
public enum PingReport {
    /// The line for one event, or `nil` for events that go to the log instead (strays).
    ///
    /// - `25 bytes from 127.0.0.1: seq=1 time=0.123 ms`
    /// - `Request timeout for seq 3`
    /// - `late reply for seq 3 (already counted as lost)`
    /// - `duplicate reply for seq 2 (not counted)`
    public static func line(for event: PingEvent) throws -> String? {
        switch event {
        case .reply(let sequence, let milliseconds, let bytes, let from):
            return "\(bytes) bytes from \(from.ip): seq=\(sequence) time=\(fixed(milliseconds, decimals: 3)) ms"
        case .timeout(let sequence):
            return "Request timeout for seq \(sequence)"
        case .late(let sequence):
            return "late reply for seq \(sequence) (already counted as lost)"
        case .duplicate(let sequence):
            return "duplicate reply for seq \(sequence) (not counted)"
        case .stray:
            return nil
        }
    }

    /// The closing statistics, as ping(8) prints them:
    ///
    ///     --- 127.0.0.1 ping statistics ---
    ///     10 packets transmitted, 8 received, 20% packet loss
    ///     rtt min/avg/max/mdev = 0.045/0.067/0.089/0.012 ms
    ///
    /// The loss percentage has up to six significant digits (`33.3333%`), like ping's `%g`.
    /// The `rtt` line is left out when no reply came.
    public static func summary(host: String, _ summary: PingSummary) throws -> [String] {
        var lines = [
            "--- \(host) ping statistics ---",
            "\(summary.transmitted) packets transmitted, \(summary.received) received, "
                + "\(significant(summary.lossPercent))% packet loss",
        ]
        if let rtt = summary.rtt { lines.append(try rtt.line()) }
        return lines
    }
}
