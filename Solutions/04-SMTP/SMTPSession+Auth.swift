/// Logging in with SMTP AUTH (RFC 4954): PLAIN (RFC 4616) when offered, else LOGIN.
extension SMTPSession {
    /// Logs in. Only mechanisms the server advertised in EHLO are tried.
    ///
    /// - Throws: `SMTPError.authenticationUnavailable` when the server offers neither PLAIN
    ///   nor LOGIN (or no AUTH at all); `.unexpectedReply` when it refuses the credentials.
    public func authenticate(_ credentials: Credentials) throws {
        let offered = extensions.authMechanisms
        let masked = "********"
        if offered.contains("PLAIN") {
            let response = Self.plainResponse(credentials)
            try command("AUTH PLAIN \(response)", in: .authPlain, shown: "AUTH PLAIN \(masked)")
        } else if offered.contains("LOGIN") {
            try command("AUTH LOGIN", in: .authLogin)
            try command(Base64.encode(Array(credentials.user.utf8)), in: .authUsername)
            try command(Base64.encode(Array(credentials.password.utf8)), in: .authPassword, shown: masked)
        } else {
            throw SMTPError.authenticationUnavailable(offered: offered)
        }
    }

    /// PLAIN's initial response: base64 of `\0user\0password` (no authorization identity).
    public static func plainResponse(_ credentials: Credentials) -> String {
        Base64.encode([0] + Array(credentials.user.utf8) + [0] + Array(credentials.password.utf8))
    }
}
