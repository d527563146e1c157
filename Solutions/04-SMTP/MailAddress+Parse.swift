/// Reading addresses from the command line, and refusing what would break a header.
extension MailAddress {
    /// Parses `ada@example.org`, `<ada@example.org>`, `Ada Lovelace <ada@example.org>` or
    /// `"Lovelace, Ada" <ada@example.org>`.
    ///
    /// - Throws: `MessageInputError` for a CR or LF anywhere (header injection), an address
    ///   without `@`, with spaces, with characters an address cannot have, or not in ASCII.
    public static func parse(_ text: String) throws -> MailAddress {
        try HeaderSafety.refuseLineBreaks(in: text, what: "the address '\(text.debugDescription)'")
        let trimmed = text.trimmingSpaces()
        var name: String?
        var address = trimmed
        if let open = trimmed.lastIndex(of: "<") {
            guard trimmed.hasSuffix(">") else { throw MessageInputError("'\(text)' has '<' but does not end with '>'") }
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var phrase = trimmed[..<open].trimmingSpaces()
            if phrase.count >= 2 && phrase.hasPrefix("\"") && phrase.hasSuffix("\"") {
                phrase = String(phrase.dropFirst().dropLast()).replacing("\\\"", with: "\"")
                    .replacing("\\\\", with: "\\")
            }
            name = phrase.isEmpty ? nil : phrase
        }
        try check(address, original: text)
        return MailAddress(displayName: name, address: address)
    }

    /// An addr-spec that an SMTP server and a header both take: `local@domain`, printable
    /// ASCII, no spaces and none of `<>()[],;:"\` (RFC 5321 §4.1.2, simplified).
    private static func check(_ address: String, original: String) throws {
        guard let at = address.lastIndex(of: "@") else {
            throw MessageInputError("'\(original)' is not an address: it has no '@'")
        }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty else {
            throw MessageInputError("'\(original)' needs something on both sides of the '@'")
        }
        guard !address.contains(" ") && !address.contains("\t") else {
            throw MessageInputError("'\(original)': an address cannot contain spaces")
        }
        guard address.unicodeScalars.allSatisfy({ $0.isASCII }) else {
            throw MessageInputError("'\(original)': only ASCII addresses are supported (no SMTPUTF8)")
        }
        let forbidden = Set("<>()[],;:\"\\@")
        guard address.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 }),
            !local.contains(where: forbidden.contains), !domain.contains(where: forbidden.contains),
            !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..")
        else {
            throw MessageInputError("'\(original)' has characters an address cannot have")
        }
        guard address.utf8.count <= 254 else { throw MessageInputError("'\(original)' is too long for an address") }
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
        if text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw MessageInputError("\(what) contains a line break (CR or LF): refused, it could inject a header")
        }
    }
}
