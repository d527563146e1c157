/// Big-endian (network byte order) integers in byte arrays, for the segment codec.
extension [UInt8] {
    /// Appends `value`'s bytes, most significant first: `appendBigEndian(UInt16(0x0102))`
    /// appends 0x01 then 0x02.
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// The `T` whose bytes, most significant first, start at `offset`.
    func bigEndian<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        var value: T = 0
        for index in offset..<offset + MemoryLayout<T>.size {
            value = value << 8 | T(self[index])
        }
        return value
    }
}
