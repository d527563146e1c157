/// A cursor over a packet. Every read checks that the bytes are there.
///
/// This file is given: the fixed-size reads. Names and records are `readName` and
/// `readRecord`, in `DNSMessage+Decode.swift` (Part 1), and the checks that refuse a lying
/// packet are in `DNSReader+Checks.swift` (Part 2): you write them.
struct DNSReader {
    let bytes: [UInt8]
    var position: Int
    /// The four sections' names, as `DNSDecodeError.countsExceedPacket` says them.
    static let sections = ["question", "answer", "authority", "additional"]

    var atEnd: Bool { position >= bytes.count }

    mutating func readUInt8() throws(DNSDecodeError) -> UInt8 {
        guard position < bytes.count else { throw .truncated(offset: position) }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readUInt16() throws(DNSDecodeError) -> UInt16 {
        guard position + 2 <= bytes.count else { throw .truncated(offset: position) }
        defer { position += 2 }
        return UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
    }

    mutating func readUInt32() throws(DNSDecodeError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw .truncated(offset: position) }
        defer { position += 4 }
        return UInt32(bytes[position]) << 24 | UInt32(bytes[position + 1]) << 16
            | UInt32(bytes[position + 2]) << 8 | UInt32(bytes[position + 3])
    }

    mutating func readBytes(_ count: Int) throws(DNSDecodeError) -> [UInt8] {
        guard count >= 0, position + count <= bytes.count else { throw .truncated(offset: position) }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }
}
