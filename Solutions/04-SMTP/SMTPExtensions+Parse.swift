/// Reading the extensions out of an EHLO reply (RFC 5321 §4.1.1.1).
extension SMTPExtensions {
    /// What the server advertised.
    ///
    /// - Parameter reply: the 250 reply to EHLO; its first line is the greeting, each later
    ///   line one keyword with optional parameters.
    /// - Returns: the extensions; a SIZE whose parameter is not a number counts as no
    ///   fixed limit (0).
    public static func parse(ehloReply reply: SMTPReply) throws -> SMTPExtensions {
        var extensions = SMTPExtensions()
        for line in reply.lines.dropFirst() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.uppercased() }
            guard var keyword = words.first else { continue }
            var parameters = Array(words.dropFirst())
            // Some old servers write "AUTH=PLAIN LOGIN" as well as "AUTH PLAIN LOGIN".
            if keyword.hasPrefix("AUTH=") {
                parameters.insert(String(keyword.dropFirst(5)), at: 0)
                keyword = "AUTH"
            }
            if !extensions.keywords.contains(keyword) { extensions.keywords.append(keyword) }
            switch keyword {
            case "SIZE": extensions.size = parameters.first.flatMap { Int($0) }.map { max(0, $0) } ?? 0
            case "8BITMIME": extensions.eightBitMIME = true
            case "PIPELINING": extensions.pipelining = true
            case "AUTH":
                for mechanism in parameters where !mechanism.isEmpty && !extensions.authMechanisms.contains(mechanism) {
                    extensions.authMechanisms.append(mechanism)
                }
            default: break
            }
        }
        return extensions
    }
}
