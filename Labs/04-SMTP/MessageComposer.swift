/// A whole message from a spec: the headers from `MessageHeaders`, then the MIME body
/// from `MIMEBody`. This is what `lab04-smtp compose` prints and `send` delivers.
public enum MessageComposer {
    /// Composes the message.
    ///
    /// - Parameters:
    ///   - spec: what to send.
    ///   - random: draws MIME boundaries (seed it for a message that repeats exactly).
    /// - Returns: the message in bytes: CRLF line ends, ending with CRLF.
    /// - Throws: `MessageInputError` for a subject or file name with a line break.
    public static func compose(_ spec: MessageSpec, using random: inout some RandomNumberGenerator) throws -> [UInt8] {
        let headers = try MessageHeaders.render(spec)
        var entity = try MIMEBody.build(spec, using: &random)
        entity.headers = headers + entity.headers
        var text = entity.rendered()
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        return Array(text.utf8)
    }
}
