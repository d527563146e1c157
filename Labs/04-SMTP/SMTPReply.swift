/// One reply from an SMTP server: a three-digit code and one or more lines of text.
///
/// ```
/// 250-mail.example.org greets you          a multi-line reply: "250-" on every line
/// 250-SIZE 10485760                        but the last, which has "250 " (RFC 5321 §4.2.1)
/// 250 PIPELINING
/// ```
///
/// The first digit is the reply's class: 2 done, 3 go on (send the rest), 4 failed for now
/// (try later), 5 failed for good. Many servers put an enhanced status code such as `5.1.1`
/// (RFC 3463) at the start of the text; it says more precisely what went wrong, so it is
/// kept for the error a user sees.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The class of a reply, from its first digit (RFC 5321 §4.2.1).
    public enum Kind: Sendable, Equatable {
        /// 2yz: the command worked.
        case positiveCompletion
        /// 3yz: the command was accepted; send what it asked for (the message after DATA).
        case positiveIntermediate
        /// 4yz: it failed this time; the same command may work later.
        case transientFailure
        /// 5yz: it failed and will fail again.
        case permanentFailure
    }

    /// The three-digit code, such as 250.
    public var code: Int
    /// The text of each line, without the code, the separator and the CRLF.
    public var lines: [String]
    /// The enhanced status code at the start of the first line's text (`"5.1.1"`), if any.
    public var enhancedStatus: String?

    public init(code: Int, lines: [String], enhancedStatus: String? = nil) {
        self.code = code
        self.lines = lines
        self.enhancedStatus = enhancedStatus
    }

    /// The class of the reply, from the code's first digit.
    public var kind: Kind {
        switch code / 100 {
        case 2: return .positiveCompletion
        case 3: return .positiveIntermediate
        case 4: return .transientFailure
        default: return .permanentFailure
        }
    }

    /// The whole text on one line, as an error message shows it.
    public var text: String { lines.joined(separator: " / ") }

    /// The reply as a user reads it: `550 5.1.1 <bob@example.org>: no such user`.
    public var description: String { text.isEmpty ? "\(code)" : "\(code) \(text)" }

    /// The reply as it goes on the wire, CRLF after every line (the sink uses this).
    public func encoded() -> [UInt8] {
        let texts = lines.isEmpty ? [""] : lines
        var bytes: [UInt8] = []
        for (index, line) in texts.enumerated() {
            let separator = index == texts.count - 1 ? " " : "-"
            bytes += Array("\(code)\(separator)\(line)\r\n".utf8)
        }
        return bytes
    }
}
