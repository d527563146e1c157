/// The header section of a message (RFC 5322 §3.6), without the MIME content fields.
public enum MessageHeaders {
    /// The header fields, each folded and without its final CRLF, in the usual order:
    /// Date, From, To, Cc, Subject, Message-ID, MIME-Version. Bcc is never among them.
    ///
    /// - Throws: `MessageInputError` when the subject has a line break.
    public static func render(_ spec: MessageSpec) throws -> [String] {
        try HeaderSafety.refuseLineBreaks(in: spec.subject, what: "the subject")
        var fields = ["Date: \(MailDate.format(spec.date))", HeaderText.addressList("From", [spec.from])]
        if spec.to.isEmpty {
            // RFC 5322 §3.6.3: mail only to Bcc recipients still names a (empty) group.
            fields.append("To: undisclosed-recipients:;")
        } else {
            fields.append(HeaderText.addressList("To", spec.to))
        }
        if !spec.cc.isEmpty { fields.append(HeaderText.addressList("Cc", spec.cc)) }
        fields.append(HeaderText.unstructured("Subject", spec.subject))
        fields.append("Message-ID: <\(spec.messageID)>")
        fields.append("MIME-Version: 1.0")
        return fields
    }
}
