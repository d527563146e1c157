/// How `lab04-smtp sink` runs: where it listens, where it stores mail, whom it refuses.
public struct SinkConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port: UInt16 = 2525
    /// Where each message is stored as an .eml file (created if needed), or `nil` to store
    /// nothing and only print a line per message.
    public var directory: String?
    /// When set, AUTH PLAIN and LOGIN are advertised and a client must log in before MAIL.
    public var credentials: Credentials?
    /// Recipients refused with 550 (compared without regard to case).
    public var rejected: [String] = []
    /// The SIZE limit it advertises and enforces, in bytes.
    public var maximumSize = 10 * 1_048_576
    /// The most recipients one message may have (RFC 5321 §4.5.3.1.8 asks for at least 100).
    public var maximumRecipients = 100
    /// The name it greets with.
    public var hostname = "netlab-sink"
    /// Seconds a client may stay silent before the sink closes the connection
    /// (RFC 5321 §4.5.3.2.7 suggests 5 minutes).
    public var idleTimeout = 300.0
    /// How many clients may be connected at once; one more is told 421 and closed.
    public var maximumClients = 64

    public init() {}
}
