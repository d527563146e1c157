import NetLabKit

/// The header section of a message (RFC 5322 §3.6), without the MIME content fields.
public enum MessageHeaders {
    /// The header fields, each folded and without its final CRLF, in the usual order:
    /// Date, From, To, Cc, Subject, Message-ID, MIME-Version. Bcc is never among them.
    ///
    /// - Throws: `MessageInputError` when the subject has a line break.
    public static func render(_ spec: MessageSpec) throws -> [String] {
        throw NotImplemented("MessageHeaders.render")
    }
}
