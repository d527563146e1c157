/// CRC-32 (IEEE 802.3, the one in Ethernet, zip and PNG): the checksum of lab 07's session
/// messages and of every lab 08 RUDP header. Given code, written once for both labs.
///
/// Why not the Internet checksum that IP, UDP and TCP use? That one is a sum of 16-bit
/// words, so it cannot see two words swapped, and two bit flips in the same column of
/// different words can cancel out. CRC-32 catches every error of 1, 2 or 3 bits in a
/// datagram this size, every odd number of flipped bits, and every burst up to 32 bits long.
///
/// The textbook way is one table lookup per byte. This one reads 8 bytes per step with 8
/// tables ("slicing-by-8"), which gives the same answer about four times faster; the
/// checksum of every segment is on the transfer's critical path.
public enum CRC32 {
    /// Eight tables of 256 entries, one after another. Table 0 is the textbook table for
    /// the reflected polynomial 0xEDB88320: the CRC of one byte. Table k is the CRC of that
    /// byte followed by k zero bytes, so 8 bytes can be folded in with 8 lookups at once.
    static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 {
                value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1
            }
            tables[index] = value
        }
        for table in 1..<8 {
            for index in 0..<256 {
                let previous = tables[(table - 1) * 256 + index]
                tables[table * 256 + index] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// The CRC-32 of `bytes`. `CRC32.checksum(Array("123456789".utf8)) == 0xCBF43926`.
    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        update(&crc, bytes)
        return ~crc
    }

    /// Feeds more bytes into a running CRC (start at 0xFFFFFFFF, complement at the end), for
    /// a checksum over pieces that are not one array: `checksum(a + b)` is
    /// `var crc: UInt32 = 0xFFFF_FFFF; update(&crc, a); update(&crc, b); crc = ~crc`.
    public static func update(_ crc: inout UInt32, _ bytes: some Collection<UInt8>) {
        let value = crc
        let done = bytes.withContiguousStorageIfAvailable { update(value, $0) }
        if let done {
            crc = done
            return
        }
        crc = Array(bytes).withUnsafeBufferPointer { update(value, $0) }
    }

    private static func update(_ start: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        tables.withUnsafeBufferPointer { t in
            var crc = start
            var index = 0
            let count = bytes.count
            while index + 8 <= count {
                let low = crc ^ (UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
                    | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24)
                let high = UInt32(bytes[index + 4]) | UInt32(bytes[index + 5]) << 8
                    | UInt32(bytes[index + 6]) << 16 | UInt32(bytes[index + 7]) << 24
                crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                index += 8
            }
            while index < count {
                crc = (crc >> 8) ^ t[Int((crc ^ UInt32(bytes[index])) & 0xFF)]
                index += 1
            }
            return crc
        }
    }
}
