import NetLabKit

// Small pieces of HTTP syntax, given to you. Use them in your parser.

/// `tchar` from RFC 9110 §5.6.2: the characters of methods and header names.
func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        return true
    default:
        return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
}

/// The value of an ASCII digit, or `nil`.
func digit(_ byte: UInt8) -> Int? {
    byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
}

let cr: UInt8 = 0x0D
let lf: UInt8 = 0x0A
