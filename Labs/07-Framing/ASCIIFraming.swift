/// The 10-byte ASCII length header: ten decimal digits, zero-padded, then the payload.
///
///     "0000000005" "hello"   →   30 30 30 30 30 30 30 30 30 35 68 65 6c 6c 6f
import NetLabKit

public enum ASCIIFraming {
    /// The header for a payload of `length` bytes: ten ASCII digits.
    /// - Throws: `FramingError.tooLarge` past 9,999,999,999 bytes (ten digits' worth).
    public static func header(length: Int) throws -> [UInt8] {
        // TODO: the length as ten ASCII digits, zero-padded on the left.
        throw NotImplemented("ASCIIFraming.header")
    }

    /// The header and the payload. Given: it only joins the two.
    public static func encode(_ payload: [UInt8]) throws -> [UInt8] {
        try header(length: payload.count) + payload
    }

    /// The first whole frame in `bytes`, or `nil` when more bytes are needed.
    ///
    /// Refuse a header byte that is not a digit as soon as it arrives (`.malformedHeader`),
    /// and a length over `maximumFrameSize` as soon as the header is whole (`.tooLarge`),
    /// before waiting for a single payload byte. `bytes` may be a slice that does not start
    /// at index 0.
    public static func decode(_ bytes: ArraySlice<UInt8>, maximumFrameSize: Int) throws -> Frame? {
        // TODO: check the digits so far, wait for all ten, check the length, wait for the payload.
        throw NotImplemented("ASCIIFraming.decode")
    }
}
