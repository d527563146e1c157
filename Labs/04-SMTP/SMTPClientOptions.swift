/// How the client behaves, from the command line.
public struct SMTPClientOptions: Sendable {
    /// The name the client gives in EHLO/HELO (RFC 5321 §4.1.1.1: its own host name).
    public var heloName: String
    /// Seconds to wait for each reply.
    public var timeout: Double
    /// Log in with these, when given (AUTH, RFC 4954).
    public var credentials: Credentials?
    /// Send the message this many times over one connection, with RSET between.
    public var count: Int
    /// Where `-v` shows the dialogue, or `nil`.
    public var transcript: (@Sendable (String) -> Void)?

    public init(
        heloName: String = "localhost", timeout: Double = 30, credentials: Credentials? = nil, count: Int = 1,
        transcript: (@Sendable (String) -> Void)? = nil
    ) {
        self.heloName = heloName
        self.timeout = timeout
        self.credentials = credentials
        self.count = count
        self.transcript = transcript
    }
}

/// A user name and password for SMTP AUTH.
public struct Credentials: Sendable, Equatable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}

/// What happened to one message's recipients.
public struct DeliveryReport: Sendable, Equatable {
    /// Recipients the server accepted (RCPT TO answered 250 or 251).
    public var accepted: [String] = []
    /// Recipients the server refused, with its words.
    public var rejected: [RejectedRecipient] = []
    /// How many times the server took the message (250 after the final dot).
    public var messagesDelivered = 0

    public init(accepted: [String] = [], rejected: [RejectedRecipient] = [], messagesDelivered: Int = 0) {
        self.accepted = accepted
        self.rejected = rejected
        self.messagesDelivered = messagesDelivered
    }
}
