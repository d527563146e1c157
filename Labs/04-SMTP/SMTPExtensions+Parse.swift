import NetLabKit

/// Reading the extensions out of an EHLO reply (RFC 5321 §4.1.1.1).
extension SMTPExtensions {
    /// What the server advertised.
    ///
    /// - Parameter reply: the 250 reply to EHLO; its first line is the greeting, each later
    ///   line one keyword with optional parameters.
    /// - Returns: the extensions; a SIZE whose parameter is not a number counts as no
    ///   fixed limit (0).
    public static func parse(ehloReply reply: SMTPReply) throws -> SMTPExtensions {
        // TODO: skip the first line; upper-case each keyword; read SIZE's number, the AUTH
        // mechanisms (some servers write "AUTH=PLAIN LOGIN"), 8BITMIME and PIPELINING.
        throw NotImplemented("SMTPExtensions.parse")
    }
}
