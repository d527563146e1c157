import NetLabKit

/// Why a datagram is not a DHCP message. The server logs it and drops the datagram; the
/// description says exactly what is wrong, so a student reading the log can fix the sender.
public enum DHCPDecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Shorter than the 236-byte BOOTP header plus the 4-byte magic cookie.
    case truncated(length: Int)
    /// Bytes 236-239 are not 99.130.83.99 (RFC 2131 §3).
    case badMagicCookie([UInt8])
    /// `hlen` is more than the 16 bytes `chaddr` holds.
    case hardwareAddressTooLong(Int)
    /// An option's length byte runs past the end of the field that holds it.
    case optionRunsPastEnd(code: UInt8, offset: Int)
    /// Option 52 (overload) with a value other than 1, 2 or 3, or of the wrong length.
    case badOverload([UInt8])
    /// `op` is neither 1 (BOOTREQUEST) nor 2 (BOOTREPLY).
    case badOperation(UInt8)
    /// The starter's placeholder: the decoder is not written yet.
    case notImplemented(String)

    public var description: String {
        switch self {
        case .truncated(let length):
            return "truncated: \(length) bytes, but a DHCP message needs at least 240 (236 of header, 4 of cookie)"
        case .badMagicCookie(let bytes):
            return "bad magic cookie \(bytes.map(String.init).joined(separator: ".")), expected 99.130.83.99"
        case .hardwareAddressTooLong(let hlen):
            return "hlen \(hlen) is more than the 16 bytes of chaddr"
        case .optionRunsPastEnd(let code, let offset):
            return "option \(code) at byte \(offset) runs past the end of the packet"
        case .badOverload(let value):
            return "option 52 (overload) must be one byte of 1, 2 or 3, not \(value)"
        case .badOperation(let op):
            return "op \(op) is neither 1 (BOOTREQUEST) nor 2 (BOOTREPLY)"
        case .notImplemented(let what):
            return NotImplemented(what).description
        }
    }
}
