/// The sink's side of SMTP AUTH (RFC 4954) with the PLAIN (RFC 4616) and LOGIN mechanisms.
///
/// ```
/// C: AUTH PLAIN AGFkYQBzZWNyZXQ=          base64 of "\0ada\0secret"
/// S: 235 2.7.0 Authentication successful
///
/// C: AUTH LOGIN                            LOGIN asks for each piece in turn:
/// S: 334 VXNlcm5hbWU6                      base64 of "Username:"
/// C: YWRh                                  base64 of "ada"
/// S: 334 UGFzc3dvcmQ6                      base64 of "Password:"
/// C: c2VjcmV0                              base64 of "secret"
/// S: 235 2.7.0 Authentication successful
/// ```
extension SinkSession {
    func authenticate(_ argument: String) throws {
        guard let expected = configuration.credentials else {
            _ = refuse(502, "5.5.1 AUTH is not offered (start the sink with --auth USER:PASS)")
            return
        }
        guard greeted else { return reply(503, "5.5.1 Say EHLO first") }
        guard !authenticated else { return reply(503, "5.5.1 Already authenticated") }
        guard sender == nil else { return reply(503, "5.5.1 AUTH is not allowed during a transaction") }
        let words = argument.split(separator: " ").map(String.init)
        let mechanism = words.first?.uppercased() ?? ""
        let given: Credentials?
        switch mechanism {
        case "PLAIN":
            guard let response = try words.count > 1 ? words[1] : challenge("") else { return }
            given = Self.plainCredentials(response)
        case "LOGIN":
            let user: String?
            if words.count > 1 {
                user = words[1]
            } else {
                user = try challenge(Base64.encode(Array("Username:".utf8)))
            }
            guard let user, let password = try challenge(Base64.encode(Array("Password:".utf8))) else { return }
            given = Self.decodeText(user).flatMap { name in
                Self.decodeText(password).map { Credentials(user: name, password: $0) }
            }
        default:
            return reply(504, "5.5.4 Unrecognized authentication mechanism (use PLAIN or LOGIN)")
        }
        guard let given else { return reply(501, "5.5.2 Cannot decode the base64 response") }
        if given == expected {
            authenticated = true
            reply(235, "2.7.0 Authentication successful")
        } else {
            _ = refuse(535, "5.7.8 Authentication credentials invalid")
        }
    }

    /// Sends a 334 challenge and reads the client's answer line.
    ///
    /// - Returns: the answer, or `nil` if the client cancelled with `*` (answered 501 here).
    private func challenge(_ text: String) throws -> String? {
        reply(334, text)
        try flush()
        guard let line = try reader.readLine(limit: 12_288) else { throw SinkLineReader.Failure.closed }
        let answer = String(decoding: line, as: UTF8.self)
        if answer == "*" {
            reply(501, "5.0.0 Authentication cancelled")
            return nil
        }
        return answer
    }

    /// PLAIN's response: base64 of `authzid \0 user \0 password` (RFC 4616 §2).
    static func plainCredentials(_ response: String) -> Credentials? {
        guard let bytes = Base64.decode(response) else { return nil }
        let fields = bytes.split(separator: 0, omittingEmptySubsequences: false)
        guard fields.count == 3 else { return nil }
        return Credentials(
            user: String(decoding: fields[1], as: UTF8.self), password: String(decoding: fields[2], as: UTF8.self))
    }

    private static func decodeText(_ base64: String) -> String? {
        Base64.decode(base64).map { String(decoding: $0, as: UTF8.self) }
    }
}
