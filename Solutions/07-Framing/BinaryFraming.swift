/// The 4-byte binary length header: an unsigned 32-bit big-endian integer, then the payload.
///
///     00 00 00 05 "hello"   →   00 00 00 05 68 65 6c 6c 6f
public enum BinaryFraming {
    static let headerSize = 4

    /// The header for a payload of `length` bytes: four bytes, big-endian.
    /// - Throws: `FramingError.tooLarge` past 4,294,967,295 bytes.
    public static func header(length: Int) throws -> [UInt8] {
        guard length <= Int(UInt32.max) else {
            throw FramingError.tooLarge(length: length, maximum: Int(UInt32.max))
        }
        let value = UInt32(length)
        return [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// The header and the payload. Given: it only joins the two.
    public static func encode(_ payload: [UInt8]) throws -> [UInt8] {
        try header(length: payload.count) + payload
    }

    /// The first whole frame in `bytes`, or `nil` when more bytes are needed. A length over
    /// `maximumFrameSize` is refused as soon as the four header bytes are in.
    public static func decode(_ bytes: ArraySlice<UInt8>, maximumFrameSize: Int) throws -> Frame? {
        guard bytes.count >= headerSize else { return nil }
        let start = bytes.startIndex
        let length = bytes[start..<start + headerSize].reduce(0) { $0 << 8 | Int($1) }
        guard length <= maximumFrameSize else { throw FramingError.tooLarge(length: length, maximum: maximumFrameSize) }
        guard bytes.count >= headerSize + length else { return nil }
        return Frame(
            payload: Array(bytes[start + headerSize..<start + headerSize + length]), consumed: headerSize + length)
    }
}
