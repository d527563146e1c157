/// Turning segments into bytes and back. Pure: no sockets, no clocks.
import NetLabKit

extension Segment {
    /// The segment as it goes on the wire, checksum included.
    ///
    /// - Throws: `SegmentError.payloadTooLong` for more than 65,535 payload bytes.
    public func encode() throws -> [UInt8] {
        guard payload.count <= Int(UInt16.max) else { throw SegmentError.payloadTooLong(payload.count) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Segment.headerSize + payload.count)
        bytes.append(Segment.version)
        bytes.append(flags.rawValue)
        bytes.appendBigEndian(window)
        bytes.appendBigEndian(connectionID)
        bytes.appendBigEndian(sequence)
        bytes.appendBigEndian(acknowledgment)
        bytes.appendBigEndian(UInt16(payload.count))
        bytes.appendBigEndian(UInt16(0))
        bytes.appendBigEndian(UInt32(0))  // checksum, filled in below
        bytes += payload
        let checksum = CRC32.checksum(bytes)
        bytes[20] = UInt8(truncatingIfNeeded: checksum >> 24)
        bytes[21] = UInt8(truncatingIfNeeded: checksum >> 16)
        bytes[22] = UInt8(truncatingIfNeeded: checksum >> 8)
        bytes[23] = UInt8(truncatingIfNeeded: checksum)
        return bytes
    }

    /// Parses one datagram. A datagram is a whole segment, never part of one (UDP keeps
    /// boundaries), so unlike a TCP stream decoder this never needs more bytes: anything
    /// wrong is an error, and the transport drops the datagram.
    ///
    /// - Throws: `SegmentError` saying what is wrong; `.badChecksum` for a damaged segment.
    public static func decode(_ bytes: [UInt8]) throws -> Segment {
        guard bytes.count >= headerSize else { throw SegmentError.tooShort(bytes.count) }
        guard bytes[0] == version else { throw SegmentError.unsupportedVersion(bytes[0]) }
        let declared = Int(bytes.bigEndian(UInt16.self, at: 16))
        guard declared == bytes.count - headerSize else {
            throw SegmentError.lengthMismatch(declared: declared, actual: bytes.count - headerSize)
        }
        // Check the checksum first: if it fails, nothing else in the header can be trusted.
        let expected = bytes.bigEndian(UInt32.self, at: 20)
        var crc: UInt32 = 0xFFFF_FFFF
        CRC32.update(&crc, bytes[0..<20])
        CRC32.update(&crc, [0, 0, 0, 0])
        CRC32.update(&crc, bytes[24...])
        let computed = ~crc
        guard computed == expected else { throw SegmentError.badChecksum(expected: expected, computed: computed) }

        let flags = SegmentFlags(rawValue: bytes[1])
        let known: SegmentFlags = [.syn, .ack, .data, .fin, .rst]
        guard known.isSuperset(of: flags), flags.contains(.data) == (declared > 0) else {
            throw SegmentError.badFlags(bytes[1])
        }
        return Segment(
            flags: flags,
            connectionID: bytes.bigEndian(UInt32.self, at: 4),
            sequence: bytes.bigEndian(UInt32.self, at: 8),
            acknowledgment: bytes.bigEndian(UInt32.self, at: 12),
            window: bytes.bigEndian(UInt16.self, at: 2),
            payload: Array(bytes[headerSize...]))
    }
}
