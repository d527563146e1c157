/// The 10-byte ASCII length header: ten decimal digits, zero-padded, then the payload.
///
///     "0000000005" "hello"   →   30 30 30 30 30 30 30 30 30 35 68 65 6c 6c 6f
public enum ASCIIFraming {
    static let headerSize = 10

    /// The header for a payload of `length` bytes: ten ASCII digits.
    /// - Throws: `FramingError.tooLarge` past 9,999,999,999 bytes (ten digits' worth).
    public static func header(length: Int) throws -> [UInt8] {
        let largest = Framing.ascii.largestDescribable
        guard length <= largest else { throw FramingError.tooLarge(length: length, maximum: largest) }
        let digits = Array(String(length).utf8)
        return [UInt8](repeating: 0x30, count: headerSize - digits.count) + digits
    }

    /// The header and the payload. Given: it only joins the two.
    public static func encode(_ payload: [UInt8]) throws -> [UInt8] {
        try header(length: payload.count) + payload
    }

    /// The first whole frame in `bytes`, or `nil` when more bytes are needed.
    ///
    /// A header byte that is not a digit is refused as soon as it arrives, and a length over
    /// `maximumFrameSize` as soon as the header is whole, before a single payload byte is
    /// awaited or any memory set aside for it.
    public static func decode(_ bytes: ArraySlice<UInt8>, maximumFrameSize: Int) throws -> Frame? {
        let header = bytes.prefix(headerSize)
        guard header.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw FramingError.malformedHeader(Array(header))
        }
        guard header.count == headerSize else { return nil }
        let length = header.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard length <= maximumFrameSize else { throw FramingError.tooLarge(length: length, maximum: maximumFrameSize) }
        guard bytes.count >= headerSize + length else { return nil }
        let start = bytes.startIndex + headerSize
        return Frame(payload: Array(bytes[start..<start + length]), consumed: headerSize + length)
    }
}
