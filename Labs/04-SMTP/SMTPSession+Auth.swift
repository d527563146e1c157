import NetLabKit

/// Logging in with SMTP AUTH (RFC 4954): PLAIN (RFC 4616) when offered, else LOGIN.
extension SMTPSession {
    /// Logs in. Only mechanisms the server advertised in EHLO are tried.
    ///
    /// - Throws: `SMTPError.authenticationUnavailable` when the server offers neither PLAIN
    ///   nor LOGIN (or no AUTH at all); `.unexpectedReply` when it refuses the credentials.
    public func authenticate(_ credentials: Credentials) throws {
        // TODO: the transcript must never show the password: pass `shown:` to command.
        throw NotImplemented("SMTPSession.authenticate")
    }

    /// PLAIN's initial response: base64 of `\0user\0password` (no authorization identity).
    public static func plainResponse(_ credentials: Credentials) -> String {
        // TODO: Base64.encode the bytes.
        ""
    }
}
