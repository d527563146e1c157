/// One message of the session protocol. Given code: the codec is in SessionMessage+Codec.swift.
///
///     0        4      5             9             13
///     +--------+------+-------------+-------------+----------------+
///     | length | type |  sequence   |  checksum   | payload ...    |
///     +--------+------+-------------+-------------+----------------+
///
/// `length` (4 bytes, big-endian) counts the bytes after it: 9 + the payload. It is lab 07's
/// binary framing, so a `FrameConnection` with `.binary` reads one message per frame and
/// hands over the rest. `checksum` is the CRC-32 of all 13 header bytes, with the checksum
/// field itself set to zero, followed by the payload.
public struct SessionMessage: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: UInt8, Sendable, CaseIterable {
        case syn = 1, synAck = 2, ack = 3, data = 4, error = 5, keepAlive = 6, disconnect = 7
    }

    public var kind: Kind
    public var sequence: UInt32
    public var payload: [UInt8]

    public init(_ kind: Kind, sequence: UInt32 = 0, payload: [UInt8] = []) {
        self.kind = kind
        self.sequence = sequence
        self.payload = payload
    }

    /// Bytes of header after the length field: type, sequence, checksum.
    public static let headerAfterLength = 9

    public var description: String { "\(kind) seq \(sequence), \(payload.count) bytes" }
}

/// Everything that can end or break a session.
public enum SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The checksum does not match: the message was damaged. `sequence` is the number as
    /// received (it may be the damaged part).
    case badChecksum(sequence: UInt32)
    /// Too short, an unknown type, or a field out of range.
    case malformed(String)
    /// The server refused the handshake, and said why.
    case refused(String)
    /// The peer sent something the protocol does not allow at that point.
    case unexpected(String)
    /// Nothing at all from the peer for three keep-alive intervals.
    case peerSilent(seconds: Double)
    /// The peer closed the connection in the middle of the session.
    case closed

    public var description: String {
        switch self {
        case .badChecksum(let sequence): "bad checksum on message \(sequence)"
        case .malformed(let what): "malformed message: \(what)"
        case .refused(let reason): "the server refused the session: \(reason)"
        case .unexpected(let what): "unexpected \(what)"
        case .peerSilent(let seconds): "the peer was silent for \(seconds) s and is gone"
        case .closed: "the peer closed the connection"
        }
    }
}
