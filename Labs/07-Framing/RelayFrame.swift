/// The frames a relay sends back for one `FETCH`. Given code: the codec is in
/// RelayFrame+Codec.swift.
///
/// Every answer is: one STATUS frame; then, only after a 200, DATA frames and one END frame,
/// or an ERROR frame if the origin fails part way. Each frame's payload starts with its kind.
public enum RelayFrame: Equatable, Sendable {
    /// Kind 0x01, code 200: the body follows. `length` is `nil` when the origin did not say.
    case ok(length: UInt64?, contentType: String)
    /// Kind 0x01, any other code: nothing follows, the relay closes the connection.
    case refused(RelayRefusal)
    /// Kind 0x02: the next piece of the body, 1 to 65,535 bytes.
    case data([UInt8])
    /// Kind 0x03: the body is complete; `total` bytes were sent.
    case end(total: UInt64)
    /// Kind 0x04: the body is NOT complete; throw away what arrived.
    case failed(RelayRefusal)

    public enum Kind: UInt8, Sendable {
        case status = 0x01, data = 0x02, end = 0x03, error = 0x04
    }

    /// The length an OK status carries when the origin did not give one.
    public static let unknownLength = UInt64.max
    /// The most body bytes one DATA frame carries (its payload is 64 KiB with the kind byte).
    public static let largestData = 65_535
}
