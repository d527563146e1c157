import NetLabKit

/// One ping or heartbeat datagram: `Ping <sequence> <timestamp>`.
///
/// The message is plain ASCII text: three words separated by single spaces. The server
/// echoes it back in capitals (`PING 3 1732190000.125000`), so decoding must ignore the
/// keyword's case. Read the handout's "Part 1" before you start.
public struct PingMessage: Equatable, Sendable {
    /// Which program sent it: the ping client or the heartbeat client.
    public enum Kind: String, Sendable {
        case ping = "Ping"
        case heartbeat = "Heartbeat"
    }

    /// The longest datagram that can be a valid message.
    public static let maximumLength = 128

    public var kind: Kind
    public var sequence: Int
    public var timestamp: Double

    public init(kind: Kind = .ping, sequence: Int, timestamp: Double) {
        self.kind = kind
        self.sequence = sequence
        self.timestamp = timestamp
    }

    /// The datagram's bytes: `Ping 3 1732190000.125000`.
    ///
    /// TODO: build the text from `kind.rawValue`, `sequence` and `timestamp` (six decimals:
    /// `fixed(timestamp, decimals: 6)` from NetLabKit does that), then return its UTF-8 bytes.
    public func encode() -> [UInt8] {
        []
    }

    /// Parses a datagram.
    ///
    /// TODO: reject (throw `PingMessageError.malformed("why")`) anything that is empty,
    /// longer than `maximumLength`, not printable ASCII (bytes 0x20...0x7E), not exactly
    /// three words separated by single spaces, or has an unknown keyword (compare without
    /// case), a sequence that is not a whole number >= 0, or a timestamp that is not a
    /// finite number >= 0.
    public static func decode(_ bytes: [UInt8]) throws -> PingMessage {
        throw NotImplemented("PingMessage.decode")
    }
}

/// Why a datagram is not a ping message.
public enum PingMessageError: Error, Equatable, CustomStringConvertible, Sendable {
    case malformed(String)

    public var description: String {
        switch self {
        case .malformed(let why): return "not a ping message: \(why)"
        }
    }
}
