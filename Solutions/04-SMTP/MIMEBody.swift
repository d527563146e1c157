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
        var body = textPart(spec.text, subtype: "plain")
        if let html = spec.html {
            body = multipart("alternative", [body, textPart(html, subtype: "html")], using: &random)
        }
        guard !spec.attachments.isEmpty else { return body }
        var parts = [body]
        for attachment in spec.attachments { parts.append(try attachmentPart(attachment)) }
        return multipart("mixed", parts, using: &random)
    }

    /// A text part in UTF-8: quoted-printable, or base64 when that is shorter (text that
    /// is mostly not Latin letters).
    public static func textPart(_ text: String, subtype: String) -> MIMEEntity {
        let bytes = Array(text.utf8)
        let quoted = QuotedPrintable.encode(bytes)
        // Base64 encodes the text's canonical form, with CRLF line ends (RFC 2045 §6.8).
        let canonical = Array(
            QuotedPrintable.lines(of: bytes).map { String(decoding: $0, as: UTF8.self) }
                .joined(separator: "\r\n").utf8)
        let base64 = Base64.encode(canonical, lineLength: 76)
        let useBase64 = base64.utf8.count < quoted.utf8.count
        return MIMEEntity(
            headers: [
                "Content-Type: text/\(subtype); charset=utf-8",
                "Content-Transfer-Encoding: \(useBase64 ? "base64" : "quoted-printable")",
            ],
            body: useBase64 ? base64 : quoted)
    }

    /// A file as an attachment: base64 in lines of 76, its type from its extension, and its
    /// name in Content-Disposition (RFC 2231 when the name is not ASCII).
    public static func attachmentPart(_ attachment: Attachment) throws -> MIMEEntity {
        let name = attachment.filename
        try HeaderSafety.refuseLineBreaks(in: name, what: "the file name '\(name.debugDescription)'")
        let type = MediaTypes.type(forFilename: name)
        var contentType = ["\(type);"]
        var disposition = ["attachment;"]
        if HeaderText.needsEncoding(name) || name.utf8.count > 60 {
            contentType[0] = type
            disposition += extendedParameter("filename", name)
        } else {
            let quoted = "\"" + name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
            contentType.append("name=\(quoted)")
            disposition.append("filename=\(quoted)")
        }
        return MIMEEntity(
            headers: [
                HeaderText.fold("Content-Type", contentType),
                "Content-Transfer-Encoding: base64",
                HeaderText.fold("Content-Disposition", disposition),
            ],
            body: Base64.encode(attachment.bytes, lineLength: 76))
    }

    /// `filename*0*=utf-8''%E6%97%A5;` `filename*1*=%E6%9C%AC.txt`: an RFC 2231 parameter,
    /// percent-encoded UTF-8, split into numbered sections so each fits on a line.
    static func extendedParameter(_ name: String, _ value: String) -> [String] {
        let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~".utf8)
        let digits = Array("0123456789ABCDEF".utf8)
        var pieces: [String] = []  // One character of the value each, encoded.
        for byte in value.utf8 {
            pieces.append(
                unreserved.contains(byte)
                    ? String(UnicodeScalar(byte))
                    : "%" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self))
        }
        var sections: [String] = [""]
        for piece in pieces {
            if sections[sections.count - 1].utf8.count + piece.utf8.count > 45 { sections.append("") }
            sections[sections.count - 1] += piece
        }
        return sections.enumerated().map { index, section in
            let prefix = index == 0 ? "utf-8''" : ""
            let separator = index == sections.count - 1 ? "" : ";"
            return "\(name)*\(index)*=\(prefix)\(section)\(separator)"
        }
    }

    /// A multipart entity with a boundary that occurs in none of its parts (RFC 2046 §5.1.1).
    public static func multipart(
        _ subtype: String, _ parts: [MIMEEntity], using random: inout some RandomNumberGenerator
    )
        -> MIMEEntity
    {
        let rendered = parts.map { $0.rendered() }
        var boundary: String
        repeat {
            let hex = Array("0123456789abcdef")
            boundary = "=_NetLab_" + String((0..<24).map { _ in hex[Int(random.next() % 16)] })
        } while rendered.contains { $0.contains(boundary) }
        var body = ""
        for part in rendered { body += "--\(boundary)\r\n\(part)\r\n" }
        body += "--\(boundary)--\r\n"
        return MIMEEntity(
            headers: [HeaderText.fold("Content-Type", ["multipart/\(subtype);", "boundary=\"\(boundary)\""])],
            body: body)
    }
}
