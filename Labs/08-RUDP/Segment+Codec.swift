/// Turning segments into bytes and back. Pure: no sockets, no clocks.
import NetLabKit

extension Segment {
    /// The segment as it goes on the wire, checksum included.
    ///
    /// - Throws: `SegmentError.payloadTooLong` for more than 65,535 payload bytes.
    public func encode() throws -> [UInt8] {
        // TODO: Build the 24-byte header in the order of the diagram in Segment.swift, big-endian
        //   (bytes.appendBigEndian helps), then the payload. Fill bytes 20-23 with the CRC-32
        //   (CRC32.checksum) of the whole segment computed while those four bytes are zero.
        //   Throw SegmentError.payloadTooLong for more than 65,535 payload bytes.
        throw NotImplemented("Segment.encode")
    }

    /// Parses one datagram. A datagram is a whole segment, never part of one (UDP keeps
    /// boundaries), so unlike a TCP stream decoder this never needs more bytes: anything
    /// wrong is an error, and the transport drops the datagram.
    ///
    /// - Throws: `SegmentError` saying what is wrong; `.badChecksum` for a damaged segment.
    public static func decode(_ bytes: [UInt8]) throws -> Segment {
        // TODO: Check, in this order, and throw the matching SegmentError:
        //     at least headerSize bytes (.tooShort), version 1 (.unsupportedVersion),
        //     the length field equals bytes.count - headerSize (.lengthMismatch),
        //     the CRC-32 of the bytes with 20-23 zeroed equals the stored one (.badChecksum),
        //     only known flags, and DATA set exactly when there is payload (.badFlags).
        //   Then read the fields back (bytes.bigEndian(UInt32.self, at: 4) helps).
        throw NotImplemented("Segment.decode")
    }
}
