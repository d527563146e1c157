/// Session messages to bytes and back, with the CRC-32 that catches damage.
import NetLabKit

extension SessionMessage {
    /// The message after its length field: type, sequence, checksum, payload. The length in
    /// front is the binary framing's (`FrameConnection.writeFrame` adds it), but the checksum
    /// covers it: CRC-32 of length, type, sequence, four zero bytes and the payload.
    public func encode() throws -> [UInt8] {
        // TODO: `CRC32.update(&crc, bytes)` starting from 0xFFFFFFFF, complemented at the end
        // (NetLabKit's CRC32.swift); `bytes(value, count)` writes a big-endian number.
        throw NotImplemented("SessionMessage.encode")
    }

    /// Decodes a frame's payload (everything after the length field).
    ///
    /// - Throws: `SessionError.badChecksum` when the CRC-32 does not match (check it first:
    ///   a damaged type byte is a damaged message, not an unknown type); `.malformed` when
    ///   the frame is shorter than a header or the type is unknown.
    public static func decode(_ body: [UInt8]) throws -> SessionMessage {
        // TODO
        throw NotImplemented("SessionMessage.decode")
    }
}
