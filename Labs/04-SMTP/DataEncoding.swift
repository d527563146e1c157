import NetLabKit

/// Getting a message through DATA intact (RFC 5321 §4.5.2 and §2.3.8).
public enum DataEncoding {
    /// The longest line SMTP carries, without its CRLF (RFC 5321 §4.5.3.1.6).
    public static let maximumLineLength = 998

    /// The message as it goes after DATA: every line ended by CRLF (a lone LF or CR
    /// becomes CRLF), a dot doubled at the start of every line, and the final `.` CRLF.
    ///
    /// - Parameter message: the message, headers and body.
    /// - Returns: the bytes to send.
    /// - Throws: `MessageInputError` if a line is longer than 998 octets.
    public static func stuffed(_ message: [UInt8]) throws -> [UInt8] {
        throw NotImplemented("DataEncoding.stuffed")
    }

    /// The message's size as SIZE counts it (RFC 1870 §3): with CRLF line ends, before
    /// dot-stuffing.
    public static func size(of message: [UInt8]) throws -> Int {
        throw NotImplemented("DataEncoding.size")
    }
}
