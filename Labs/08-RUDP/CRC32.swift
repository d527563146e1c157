/// CRC-32 (IEEE 802.3, the one in Ethernet, zip and PNG), the checksum in every RUDP header.
///
/// Why not the Internet checksum that IP, UDP and TCP use? That one is a sum of 16-bit
/// words, so it cannot see two words swapped, and two bit flips in the same column of
/// different words can cancel out. CRC-32 catches every error of 1, 2 or 3 bits in a
/// datagram this size, every odd number of flipped bits, and every burst up to 32 bits long.
/// The price is a table lookup per byte instead of an addition per two bytes.
public enum CRC32 {
    /// The reflected polynomial 0xEDB88320, one entry per byte value.
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1
        }
        return value
    }

    /// The CRC-32 of `bytes`. `CRC32.checksum(Array("123456789".utf8)) == 0xCBF43926`.
    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        update(&crc, bytes)
        return ~crc
    }

    /// Feeds more bytes into a running CRC (start at 0xFFFFFFFF, complement at the end).
    static func update(_ crc: inout UInt32, _ bytes: some Collection<UInt8>) {
        table.withUnsafeBufferPointer { table in
            var value = crc
            for byte in bytes {
                value = (value >> 8) ^ table[Int((value ^ UInt32(byte)) & 0xFF)]
            }
            crc = value
        }
    }
}
