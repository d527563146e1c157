/// Everything that can end an SMTP dialogue early. Each message says what the client was
/// doing, what the server said, and that the message was not delivered: a user who reads
/// only the last line of the output must know whether the mail went out.
public enum SMTPError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The server sent something that is not an SMTP reply (RFC 5321 §4.2).
    case malformedReply(String)
    /// A reply the transition table does not list for this state.
    case unexpectedReply(state: SMTPState, command: String, reply: SMTPReply)
    /// No reply within the timeout (RFC 5321 §4.5.3.2).
    case timedOut(state: SMTPState, command: String, seconds: Double)
    /// The server closed the connection while the client waited for a reply.
    case connectionClosed(state: SMTPState, command: String)
    /// The connection could not be made, or broke while sending.
    case network(String)
    /// Every recipient was refused, so the client sent no DATA.
    case noRecipientAccepted([RejectedRecipient])
    /// The message is bigger than the server's SIZE limit (RFC 1870): it was never sent.
    case messageTooLarge(size: Int, limit: Int)
    /// Credentials were given but the server offers no mechanism this client speaks.
    case authenticationUnavailable(offered: [String])

    public var description: String {
        let notDelivered = "the message was not delivered"
        switch self {
        case .malformedReply(let line):
            return "the server sent something that is not an SMTP reply: \(line.debugDescription); \(notDelivered)"
        case .unexpectedReply(let state, let command, let reply):
            return "in state \(state.rawValue), the server answered \(command) with \(reply); \(notDelivered)"
        case .timedOut(let state, let command, let seconds):
            return "in state \(state.rawValue), no reply to \(command) within \(seconds) s; \(notDelivered)"
        case .connectionClosed(let state, let command):
            return "in state \(state.rawValue), the server closed the connection after \(command); \(notDelivered)"
        case .network(let why):
            return "\(why); \(notDelivered)"
        case .noRecipientAccepted(let refused):
            let list = refused.map { "<\($0.address)>: \($0.reply)" }.joined(separator: "; ")
            return "every recipient was refused (\(list)); \(notDelivered)"
        case .messageTooLarge(let size, let limit):
            return "the message is \(size) bytes and the server takes at most \(limit) (SIZE); \(notDelivered)"
        case .authenticationUnavailable(let offered):
            let list = offered.isEmpty ? "no AUTH at all" : "only AUTH " + offered.joined(separator: " ")
            return "credentials were given but the server offers \(list); \(notDelivered)"
        }
    }
}

/// A recipient the server refused at RCPT TO, with the server's words.
public struct RejectedRecipient: Sendable, Equatable {
    public var address: String
    public var reply: SMTPReply

    public init(address: String, reply: SMTPReply) {
        self.address = address
        self.reply = reply
    }
}
