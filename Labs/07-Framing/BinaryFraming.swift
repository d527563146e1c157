/// The 4-byte binary length header: an unsigned 32-bit big-endian integer, then the payload.
///
///     00 00 00 05 "hello"   →   00 00 00 05 68 65 6c 6c 6f
import NetLabKit

public enum BinaryFraming {
    /// The header for a payload of `length` bytes: four bytes, big-endian.
    /// - Throws: `FramingError.tooLarge` past 4,294,967,295 bytes.
    public static func header(length: Int) throws -> [UInt8] {
        // TODO: four bytes, most significant first.
        throw NotImplemented("BinaryFraming.header")
    }

    /// The header and the payload. Given: it only joins the two.
    public static func encode(_ payload: [UInt8]) throws -> [UInt8] {
        try header(length: payload.count) + payload
    }

    /// The first whole frame in `bytes`, or `nil` when more bytes are needed. Refuse a length
    /// over `maximumFrameSize` (`.tooLarge`) as soon as the four header bytes are in.
    public static func decode(_ bytes: ArraySlice<UInt8>, maximumFrameSize: Int) throws -> Frame? {
        // TODO: wait for the header, read the length, check it, wait for the payload.
        throw NotImplemented("BinaryFraming.decode")
    }
}
