import NetLabKit

/// Reading addresses from the command line, and refusing what would break a header.
extension MailAddress {
    /// Parses `ada@example.org`, `<ada@example.org>`, `Ada Lovelace <ada@example.org>` or
    /// `"Lovelace, Ada" <ada@example.org>`.
    ///
    /// - Throws: `MessageInputError` for a CR or LF anywhere (header injection), an address
    ///   without `@`, with spaces, with characters an address cannot have, or not in ASCII.
    public static func parse(_ text: String) throws -> MailAddress {
        throw NotImplemented("MailAddress.parse")
    }
}

/// Refusing text that would let a value end its header line and start a new one: a subject
/// of `hi\r\nBcc: everyone@example.org` is header injection.
public enum HeaderSafety {
    /// - Parameters:
    ///   - text: a subject, address or file name from the user.
    ///   - what: how the error message names it.
    /// - Throws: `MessageInputError` if `text` contains a CR or an LF (or a NUL).
    public static func refuseLineBreaks(in text: String, what: String) throws {
        throw NotImplemented("HeaderSafety.refuseLineBreaks")
    }
}
