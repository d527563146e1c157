import NetLabKit

/// Turning the bytes a server sends into whole replies (RFC 5321 §4.2).
///
/// ```
/// Reply-line = *( Reply-code "-" [ textstring ] CRLF )
///                 Reply-code [ SP textstring ] CRLF
/// ```
public enum SMTPReplyParser {
    /// The longest reply line accepted. RFC 5321 §4.5.3.1.5 says 512 octets; real servers
    /// are sometimes longer, so be generous but bounded.
    public static let maximumLineLength = 4_096
    /// The most lines one reply may have.
    public static let maximumLines = 256

    /// Takes one whole reply off the front of `buffer`.
    ///
    /// - Parameter buffer: bytes received so far; the reply's bytes are removed from it.
    /// - Returns: the reply, or `nil` when its last line has not arrived yet (the buffer is
    ///   then left as it was).
    /// - Throws: `SMTPError.malformedReply` for a line that is not `NNN-text` or `NNN text`,
    ///   for lines with different codes, or for a line or reply over the limits.
    public static func decode(_ buffer: inout [UInt8]) throws -> SMTPReply? {
        // TODO: find the lines (each ends with LF, usually CRLF). Each starts with three
        // digits, then "-" (more lines follow), " " or nothing (the last line). Keep the
        // text after the separator, and the enhanced status code (RFC 3463, such as
        // "5.1.1") if the first line's text starts with one whose class matches the code.
        throw NotImplemented("SMTPReplyParser.decode")
    }
}
