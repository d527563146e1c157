import NetLabKit

/// One ping or heartbeat datagram: `Ping <sequence> <timestamp>`.
///
/// The message is plain ASCII text: three words separated by single spaces, so you can read
/// it in Wireshark and type it by hand with `nc -u`. The server echoes it back in capitals
/// (`PING 3 1732190000.125000`), so decoding must ignore the keyword's case. Read the
/// handout's "Part 1" before you start.
///
/// The timestamp is the sender's wall-clock time in seconds. It is for people reading a
/// capture; the client measures RTT with its own monotonic clock.
///
/// This file is given: the fields. Turning a message into bytes and back is `encode` and
/// `decode`, in `PingMessage.swift`: you write them.
public struct PingMessage: Equatable, Sendable {
    /// Which program sent it: the ping client or the heartbeat client.
    public enum Kind: String, Sendable {
        case ping = "Ping"
        case heartbeat = "Heartbeat"
    }

    /// The longest datagram that can be a valid message. Anything longer is rejected
    /// before it is even looked at.
    public static let maximumLength = 128

    public var kind: Kind
    public var sequence: Int
    public var timestamp: Double

    public init(kind: Kind = .ping, sequence: Int, timestamp: Double) {
        self.kind = kind
        self.sequence = sequence
        self.timestamp = timestamp
    }
}
