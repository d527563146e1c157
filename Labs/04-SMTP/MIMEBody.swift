import NetLabKit

/// The body of a message and its MIME content fields (RFC 2045, 2046, 2183, 2231).
///
/// ```
/// text only:          text/plain
/// --html:             multipart/alternative (text/plain, text/html)
/// --attach:           multipart/mixed (the text or the alternative, then each file)
/// ```
public enum MIMEBody {
    /// The MIME structure for a spec: its content header fields and its body.
    ///
    /// - Parameter random: draws the boundaries.
    /// - Throws: `MessageInputError` when an attachment's name has a line break.
    public static func build(_ spec: MessageSpec, using random: inout some RandomNumberGenerator) throws -> MIMEEntity {
        throw NotImplemented("MIMEBody.build")
    }

    /// A text part in UTF-8: quoted-printable, or base64 when that is shorter (text that
    /// is mostly not Latin letters).
    public static func textPart(_ text: String, subtype: String) -> MIMEEntity {
        // TODO
        MIMEEntity(headers: [], body: "")
    }

    /// A file as an attachment: base64 in lines of 76, its type from its extension, and its
    /// name in Content-Disposition (RFC 2231 when the name is not ASCII).
    public static func attachmentPart(_ attachment: Attachment) throws -> MIMEEntity {
        throw NotImplemented("MIMEBody.attachmentPart")
    }

    /// A multipart entity with a boundary that occurs in none of its parts (RFC 2046 §5.1.1).
    public static func multipart(
        _ subtype: String, _ parts: [MIMEEntity], using random: inout some RandomNumberGenerator
    )
        -> MIMEEntity
    {
        // TODO
        MIMEEntity(headers: [], body: "")
    }
}
