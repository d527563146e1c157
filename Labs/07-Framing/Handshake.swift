/// The handshake's payloads: SYN, SYN-ACK and the ACK that ends it. Given code.
///
///     SYN      version(1)=1  mode(1)  max-packet(4)  window(2)  id-length(1)  client-id(UTF-8)
///     SYN-ACK  status(1)  session-id(8)  max-packet(4)  mode(1)  window(2)  keepalive-ms(4)  reason(UTF-8)
///     ACK      session-id(8)
///
/// Every number is big-endian. Each is sent as a session message with sequence number 0.

/// How the client sends: one message at a time, or up to a window of them.
public enum SessionMode: UInt8, Sendable, CustomStringConvertible {
    /// Waits for each message's ACK before sending the next.
    case step = 1
    /// Keeps up to `window` messages unacknowledged.
    case burst = 2

    public var description: String { self == .step ? "step" : "burst" }
}

/// The client's SYN: what it would like.
public struct SynRequest: Equatable, Sendable {
    public static let version: UInt8 = 1
    public var version: UInt8
    /// The mode's byte as sent: a server meets unknown modes, so this is not a `SessionMode`.
    public var mode: UInt8
    public var maximumPacket: UInt32
    public var window: UInt16
    public var clientID: String

    public init(
        mode: UInt8, maximumPacket: UInt32, window: UInt16, clientID: String, version: UInt8 = SynRequest.version
    ) {
        self.version = version
        self.mode = mode
        self.maximumPacket = maximumPacket
        self.window = window
        self.clientID = clientID
    }

    public func encode() -> [UInt8] {
        let id = Array(clientID.utf8.prefix(255))
        return [version, mode] + bytes(UInt64(maximumPacket), 4) + bytes(UInt64(window), 2) + [UInt8(id.count)] + id
    }

    public static func decode(_ payload: [UInt8]) throws -> SynRequest {
        guard payload.count >= 9, payload.count == 9 + Int(payload[8]) else {
            throw SessionError.malformed("a SYN of \(payload.count) bytes")
        }
        return SynRequest(
            mode: payload[1], maximumPacket: UInt32(number(payload[2..<6])), window: UInt16(number(payload[6..<8])),
            clientID: String(decoding: payload[9...], as: UTF8.self), version: payload[0])
    }
}

/// What both sides use once the handshake is over.
public struct SessionParameters: Equatable, Sendable {
    public var sessionID: UInt64
    public var mode: SessionMode
    /// The largest DATA payload, in bytes.
    public var maximumPacket: Int
    /// How many DATA messages may be unacknowledged: 1 in step mode.
    public var window: Int
    /// Seconds of idleness before a KEEPALIVE; `nil` turns keep-alives off.
    public var keepAlive: Double?
    public var clientID: String

    public init(
        sessionID: UInt64, mode: SessionMode, maximumPacket: Int, window: Int, keepAlive: Double?, clientID: String = ""
    ) {
        self.sessionID = sessionID
        self.mode = mode
        self.maximumPacket = maximumPacket
        self.window = window
        self.keepAlive = keepAlive
        self.clientID = clientID
    }

    /// The session ID as it appears in logs and file names: 16 hex digits.
    public var sessionName: String { hex(sessionID, digits: 16) }
}

/// The server's SYN-ACK: accepted with the negotiated values, or refused with a reason.
public struct SynAckReply: Equatable, Sendable {
    public static let accepted: UInt8 = 0
    public static let refused: UInt8 = 1

    public var status: UInt8
    public var sessionID: UInt64
    public var maximumPacket: UInt32
    public var mode: UInt8
    public var window: UInt16
    /// The keep-alive interval in milliseconds; 0 means none.
    public var keepAliveMilliseconds: UInt32
    public var reason: String

    public init(
        status: UInt8, sessionID: UInt64, maximumPacket: UInt32, mode: UInt8, window: UInt16,
        keepAliveMilliseconds: UInt32, reason: String = ""
    ) {
        self.status = status
        self.sessionID = sessionID
        self.maximumPacket = maximumPacket
        self.mode = mode
        self.window = window
        self.keepAliveMilliseconds = keepAliveMilliseconds
        self.reason = reason
    }

    /// A refusal: every number zero, and the reason.
    public static func refusal(_ reason: String) -> SynAckReply {
        SynAckReply(
            status: refused, sessionID: 0, maximumPacket: 0, mode: 0, window: 0, keepAliveMilliseconds: 0,
            reason: reason)
    }

    public func encode() -> [UInt8] {
        [status] + bytes(sessionID, 8) + bytes(UInt64(maximumPacket), 4) + [mode] + bytes(UInt64(window), 2)
            + bytes(UInt64(keepAliveMilliseconds), 4) + Array(reason.utf8)
    }

    public static func decode(_ payload: [UInt8]) throws -> SynAckReply {
        guard payload.count >= 20 else { throw SessionError.malformed("a SYN-ACK of \(payload.count) bytes") }
        return SynAckReply(
            status: payload[0], sessionID: number(payload[1..<9]), maximumPacket: UInt32(number(payload[9..<13])),
            mode: payload[13], window: UInt16(number(payload[14..<16])),
            keepAliveMilliseconds: UInt32(number(payload[16..<20])),
            reason: String(decoding: payload[20...], as: UTF8.self))
    }

    /// The parameters an accepted reply grants, or `nil` if it is a refusal or nonsense.
    public func parameters(clientID: String = "") -> SessionParameters? {
        guard status == Self.accepted, let mode = SessionMode(rawValue: mode), maximumPacket > 0, window > 0 else {
            return nil
        }
        return SessionParameters(
            sessionID: sessionID, mode: mode, maximumPacket: Int(maximumPacket), window: Int(window),
            keepAlive: keepAliveMilliseconds == 0 ? nil : Double(keepAliveMilliseconds) / 1_000, clientID: clientID)
    }
}

/// `value` as `count` big-endian bytes.
func bytes(_ value: UInt64, _ count: Int) -> [UInt8] {
    (0..<count).reversed().map { UInt8((value >> (8 * UInt64($0))) & 0xFF) }
}

/// The big-endian number in `slice`.
func number(_ slice: ArraySlice<UInt8>) -> UInt64 {
    slice.reduce(0) { $0 << 8 | UInt64($1) }
}

/// `value` in hexadecimal, zero-padded to `digits`.
func hex(_ value: UInt64, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}
