import NetLabKit

/// One ping or heartbeat datagram: `Ping <sequence> <timestamp>`.
///
/// The message is plain ASCII text, three words separated by single spaces, so you can read
/// it in Wireshark and type it by hand with `nc -u`. The server echoes it back in capitals
/// (`PING 3 1732190000.125`), which is why decoding ignores the keyword's case.
///
/// The timestamp is the sender's wall-clock time in seconds. It is for people reading a
/// capture; the client measures RTT with its own monotonic clock.
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

    /// The datagram's bytes: `Ping 3 1732190000.125000` (six decimals, like Python's
    /// `time.time()` prints).
    public func encode() -> [UInt8] {
        Array("\(kind.rawValue) \(sequence) \(fixed(timestamp, decimals: 6))".utf8)
    }

    /// Parses a datagram.
    ///
    /// - Parameter bytes: the whole datagram.
    /// - Returns: the message.
    /// - Throws: `PingMessageError` saying what is wrong: too long, not ASCII text, not
    ///   three words, an unknown keyword, or a bad sequence number or timestamp.
    public static func decode(_ bytes: [UInt8]) throws -> PingMessage {
        guard !bytes.isEmpty else { throw PingMessageError.malformed("empty datagram") }
        guard bytes.count <= maximumLength else {
            throw PingMessageError.malformed("\(bytes.count) bytes is longer than a ping message can be")
        }
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw PingMessageError.malformed("not printable ASCII text")
        }
        let words = String(decoding: bytes, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 3 else {
            throw PingMessageError.malformed("expected 3 words, found \(words.count)")
        }
        let keyword = words[0].lowercased()
        guard let kind = [Kind.ping, .heartbeat].first(where: { $0.rawValue.lowercased() == keyword }) else {
            throw PingMessageError.malformed("unknown keyword '\(words[0])'")
        }
        guard let sequence = Int(words[1]), sequence >= 0 else {
            throw PingMessageError.malformed("'\(words[1])' is not a sequence number")
        }
        guard let timestamp = Double(words[2]), timestamp.isFinite, timestamp >= 0 else {
            throw PingMessageError.malformed("'\(words[2])' is not a timestamp")
        }
        return PingMessage(kind: kind, sequence: sequence, timestamp: timestamp)
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
