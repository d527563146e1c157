/// Appends a message's fields to a byte array, remembering where names were written.
///
/// This file is given: the bytes, the offsets, the number writers and the header. Names and
/// records are `writeName` and `writeRecord`, in `DNSMessage+Encode.swift`: you write them.
struct DNSWriter {
    var bytes: [UInt8] = []
    /// Offsets of names already written, keyed by their lower-cased labels. Pointers hold
    /// 14 bits, so only names in the first 16 KiB can be pointed to.
    var offsets: [[[UInt8]]: Int] = [:]

    mutating func writeUInt16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    mutating func writeUInt32(_ value: UInt32) {
        writeUInt16(UInt16(value >> 16))
        writeUInt16(UInt16(value & 0xFFFF))
    }

    /// Writes the 12-byte header (RFC 1035 §4.1.1): the ID, the flags, then the four section
    /// counts (questions, answers, authorities, additionals).
    mutating func writeHeader(_ header: DNSHeader, counts: [Int]) {
        writeUInt16(header.id)
        writeUInt16(header.flags)
        for count in counts { writeUInt16(UInt16(truncatingIfNeeded: count)) }
    }
}
