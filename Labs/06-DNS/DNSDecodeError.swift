/// Why a packet is not a DNS message. Each lie a packet can tell about its own lengths has
/// its own case, so a test (and a log line) can say exactly what was wrong.
public enum DNSDecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Fewer than the 12 bytes every header needs (RFC 1035 §4.1.1).
    case truncatedHeader(length: Int)
    /// The header's count for `section` promises more entries than the packet holds.
    case countsExceedPacket(section: String, promised: Int)
    /// A field runs past the end of the packet, starting at `offset`.
    case truncated(offset: Int)
    /// A compression pointer leads back to a place this name already passed through, which
    /// would make a naive decoder loop forever (RFC 1035 §4.1.4).
    case pointerLoop(offset: Int)
    /// A compression pointer points at or after the name it belongs to. RFC 1035 §4.1.4
    /// allows pointers only to a *prior* occurrence of a name.
    case pointerForward(offset: Int, target: Int)
    /// A compression pointer points into the header or past the end of the packet.
    case pointerOutOfRange(offset: Int, target: Int)
    /// A label length byte over 63 (RFC 1035 §2.3.4). The top two bits 01 and 10 are not
    /// lengths at all: they are reserved label types (RFC 6891 §5).
    case labelTooLong(offset: Int, length: Int)
    /// A name longer than 255 bytes on the wire (RFC 1035 §2.3.4), at `offset`.
    case nameTooLong(offset: Int)
    /// A record's RDATA does not fill exactly its RDLENGTH (an A record of 3 bytes, a name
    /// running out of its RDATA, a TXT string longer than what is left).
    case badRecordData(type: DNSRecordType, offset: Int)
    /// Bytes left over after the last record the counts announce.
    case trailingBytes(count: Int)
    /// The starter throws this where your code goes. The finished decoder never does.
    case notImplemented(String)

    public var description: String {
        switch self {
        case .truncatedHeader(let length): return "header truncated: \(length) of 12 bytes"
        case .countsExceedPacket(let section, let promised):
            return "the \(section) count promises \(promised) entries, more than the packet holds"
        case .truncated(let offset): return "packet ends inside a field at offset \(offset)"
        case .pointerLoop(let offset): return "compression pointer loop at offset \(offset)"
        case .pointerForward(let offset, let target):
            return "compression pointer at offset \(offset) points forward to \(target)"
        case .pointerOutOfRange(let offset, let target):
            return "compression pointer at offset \(offset) points outside the packet (\(target))"
        case .labelTooLong(let offset, let length):
            return "label of \(length) bytes at offset \(offset) (the limit is 63)"
        case .nameTooLong(let offset): return "name at offset \(offset) is longer than 255 bytes"
        case .badRecordData(let type, let offset):
            return "\(type) record data at offset \(offset) does not match its length"
        case .trailingBytes(let count): return "\(count) bytes of trailing garbage after the last record"
        case .notImplemented(let what): return "not implemented yet: \(what) (your code goes here)"
        }
    }
}
