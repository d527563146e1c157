/// Everything a message is made of, as the user asked for it on the command line.
///
/// The date and the Message-ID are fields too (not read from the clock inside the
/// composer), so the same spec always composes the same message and a test can compare it.
public struct MessageSpec: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress]
    /// Blind copies: they get the message, but they are in the envelope only, never in a header.
    public var bcc: [MailAddress]
    public var subject: String
    /// The plain-text body.
    public var text: String
    /// An HTML version of the body (multipart/alternative), if any.
    public var html: String?
    public var attachments: [Attachment]
    /// When the message was written, in seconds since 1970 (the `Date` header).
    public var date: Int
    /// The Message-ID, without its angle brackets: `1733147571.8f3a9c@netlab.local`.
    public var messageID: String

    public init(
        from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], bcc: [MailAddress] = [], subject: String,
        text: String, html: String? = nil, attachments: [Attachment] = [], date: Int, messageID: String
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.date = date
        self.messageID = messageID
    }

    /// The envelope: who the server is told the message is from and for (RFC 5321 §2.3.1).
    /// Every To, Cc and Bcc address, each once, in that order.
    public var envelope: Envelope {
        var recipients: [String] = []
        for address in (to + cc + bcc).map(\.address) where !recipients.contains(address) {
            recipients.append(address)
        }
        return Envelope(sender: from.address, recipients: recipients)
    }

    /// A fresh Message-ID (RFC 5322 §3.6.4): the time and random letters, then a domain.
    public static func makeMessageID(
        date: Int, domain: String, using random: inout some RandomNumberGenerator
    )
        -> String
    {
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let tag = String((0..<16).map { _ in letters[Int(random.next() % UInt64(letters.count))] })
        return "\(date).\(tag)@\(domain)"
    }
}

/// A file to attach: the name the recipient sees and its exact bytes.
public struct Attachment: Sendable, Equatable {
    public var filename: String
    public var bytes: [UInt8]

    public init(filename: String, bytes: [UInt8]) {
        self.filename = filename
        self.bytes = bytes
    }
}

/// The SMTP envelope: MAIL FROM's address and every RCPT TO address.
public struct Envelope: Sendable, Equatable {
    public var sender: String
    public var recipients: [String]

    public init(sender: String, recipients: [String]) {
        self.sender = sender
        self.recipients = recipients
    }
}
