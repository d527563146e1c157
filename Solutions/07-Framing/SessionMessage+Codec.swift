/// Session messages to bytes and back, with the CRC-32 that catches damage.
import NetLabKit

extension SessionMessage {
    /// The message after its length field: type, sequence, checksum, payload. The length in
    /// front is the binary framing's (`FrameConnection.writeFrame` adds it).
    public func encode() throws -> [UInt8] {
        var header =
            bytes(UInt64(Self.headerAfterLength + payload.count), 4) + [kind.rawValue]
            + bytes(UInt64(sequence), 4) + [0, 0, 0, 0]
        var crc: UInt32 = 0xFFFF_FFFF
        CRC32.update(&crc, header)
        CRC32.update(&crc, payload)
        let checksum = bytes(UInt64(~crc), 4)
        header.replaceSubrange(9..<13, with: checksum)
        return Array(header[4...]) + payload
    }

    /// Decodes a frame's payload (everything after the length field).
    ///
    /// - Throws: `SessionError.badChecksum` when the CRC-32 does not match (checked first:
    ///   a damaged type byte is a damaged message, not an unknown type); `.malformed` when
    ///   the frame is shorter than a header or the type is unknown.
    public static func decode(_ body: [UInt8]) throws -> SessionMessage {
        guard body.count >= headerAfterLength else { throw SessionError.malformed("a message of \(body.count) bytes") }
        let sequence = UInt32(number(body[1..<5]))
        var crc: UInt32 = 0xFFFF_FFFF
        CRC32.update(&crc, bytes(UInt64(body.count), 4) + body[0..<5] + [0, 0, 0, 0])
        CRC32.update(&crc, body[headerAfterLength...])
        guard ~crc == UInt32(number(body[5..<9])) else { throw SessionError.badChecksum(sequence: sequence) }
        guard let kind = Kind(rawValue: body[0]) else { throw SessionError.malformed("unknown type \(body[0])") }
        return SessionMessage(kind, sequence: sequence, payload: Array(body[headerAfterLength...]))
    }
}
