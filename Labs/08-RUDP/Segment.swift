/// One RUDP segment: the header and its payload.
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |  Version (1)  |     Flags     |        Window (segments)      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Connection ID                         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        Sequence Number                        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Acknowledgment Number                     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Payload Length        |         Reserved (0)          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                       Checksum (CRC-32)                       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Payload ...                           |
/// ```
///
/// All fields are big-endian. The checksum is the CRC-32 of the whole segment (header and
/// payload) computed with the checksum field set to zero.
public struct Segment: Sendable, Equatable, CustomStringConvertible {
    /// The header's size in bytes.
    public static let headerSize = 24
    /// The only version this codec speaks.
    public static let version: UInt8 = 1

    public var flags: SegmentFlags
    /// Which connection this belongs to; chosen by the client, echoed by the server.
    public var connectionID: UInt32
    /// The sequence number of the first payload byte (or of the SYN or FIN).
    public var sequence: UInt32
    /// The next sequence number the sender expects to receive (valid with `.ack`).
    public var acknowledgment: UInt32
    /// How many more segments the sender of this segment can buffer (flow control).
    public var window: UInt16
    public var payload: [UInt8]

    public init(
        flags: SegmentFlags, connectionID: UInt32, sequence: UInt32 = 0, acknowledgment: UInt32 = 0,
        window: UInt16 = 0, payload: [UInt8] = []
    ) {
        self.flags = flags
        self.connectionID = connectionID
        self.sequence = sequence
        self.acknowledgment = acknowledgment
        self.window = window
        self.payload = payload
    }

    /// How much sequence space the segment uses: its payload, plus one each for SYN and FIN.
    public var sequenceLength: UInt32 {
        UInt32(payload.count) + (flags.contains(.syn) ? 1 : 0) + (flags.contains(.fin) ? 1 : 0)
    }

    public var description: String {
        var text = "[\(flags)] conn=\(connectionID) seq=\(sequence)"
        if flags.contains(.ack) { text += " ack=\(acknowledgment)" }
        text += " win=\(window) len=\(payload.count)"
        return text
    }
}

/// The header's flag bits.
public struct SegmentFlags: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Opens a connection; the sequence number is the sender's initial sequence number.
    public static let syn = SegmentFlags(rawValue: 0x01)
    /// The acknowledgment number is valid.
    public static let ack = SegmentFlags(rawValue: 0x02)
    /// The segment carries payload bytes.
    public static let data = SegmentFlags(rawValue: 0x04)
    /// The sender has no more data.
    public static let fin = SegmentFlags(rawValue: 0x08)
    /// Abort: the connection is unknown or broken.
    public static let rst = SegmentFlags(rawValue: 0x10)

    /// `"SYN,ACK"`.
    public var description: String {
        let names: [(SegmentFlags, String)] = [
            (.syn, "SYN"), (.ack, "ACK"), (.data, "DATA"), (.fin, "FIN"), (.rst, "RST"),
        ]
        let shown = names.filter { contains($0.0) }.map(\.1)
        return shown.isEmpty ? "none" : shown.joined(separator: ",")
    }
}

/// Why bytes are not a valid segment.
public enum SegmentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer bytes than a header.
    case tooShort(Int)
    /// A version this codec does not speak.
    case unsupportedVersion(UInt8)
    /// The length field disagrees with the datagram's size.
    case lengthMismatch(declared: Int, actual: Int)
    /// The checksum does not match: the segment was damaged on the way.
    case badChecksum(expected: UInt32, computed: UInt32)
    /// A payload longer than the length field can say.
    case payloadTooLong(Int)
    /// Flag bits that have no meaning, or DATA without payload (or payload without DATA).
    case badFlags(UInt8)

    public var description: String {
        switch self {
        case .tooShort(let count): return "segment too short: \(count) bytes, header is \(Segment.headerSize)"
        case .unsupportedVersion(let version): return "unsupported version \(version)"
        case .lengthMismatch(let declared, let actual):
            return "length field says \(declared) payload bytes, datagram has \(actual)"
        case .badChecksum(let expected, let computed):
            return "bad checksum: header says \(hex(expected)), bytes give \(hex(computed))"
        case .payloadTooLong(let count): return "payload of \(count) bytes is longer than 65535"
        case .badFlags(let flags): return "bad flags 0x\(String(flags, radix: 16))"
        }
    }

    private func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }
}
