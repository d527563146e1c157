import NetLabKit

/// Quoted-printable (RFC 2045 §6.7): text that stays readable where it is ASCII, with
/// every other byte written `=XX` and lines kept under 76 characters by soft line breaks.
public enum QuotedPrintable {
    /// The longest encoded line, counting a soft break's `=` (RFC 2045 §6.7 rule 5).
    public static let lineLimit = 76

    /// Encodes text. Line ends (CRLF, LF or CR) become CRLF line breaks in the output.
    ///
    /// - Parameter bytes: the text in UTF-8.
    /// - Returns: the encoded text; it ends with CRLF exactly when the input ended with a
    ///   line end.
    public static func encode(_ bytes: [UInt8]) -> String {
        // TODO
        ""
    }
}
