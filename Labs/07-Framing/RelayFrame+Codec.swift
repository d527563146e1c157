/// The bytes of each relay frame's payload (the framing header goes in front of them).
///
///     STATUS 200   01  00 c8  <length: 8 bytes, big-endian>  <content type, UTF-8>
///     STATUS other 01  <code: 2 bytes>  <reason, UTF-8>
///     DATA         02  <1 to 65,535 body bytes>
///     END          03  <total body bytes: 8 bytes, big-endian>
///     ERROR        04  <code: 2 bytes>  <reason, UTF-8>
import NetLabKit

extension RelayFrame {
    public func encode() throws -> [UInt8] {
        // TODO: the kind byte, then the fields above. `bytes(value, count)` (Handshake.swift)
        // writes a big-endian number; an unknown length is `RelayFrame.unknownLength`.
        throw NotImplemented("RelayFrame.encode")
    }

    /// - Throws: `RelayClientError.protocolViolation` for an unknown kind or a short frame.
    public static func decode(_ payload: [UInt8]) throws -> RelayFrame {
        // TODO: switch on the kind byte; check each frame is long enough before reading it.
        throw NotImplemented("RelayFrame.decode")
    }
}
