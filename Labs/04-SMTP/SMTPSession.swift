/// One dialogue with a server: the connection, the state it is in, and what EHLO said.
///
/// `SMTPClient.send` drives it: `hello`, then `authenticate` if there are credentials,
/// then one `transaction` per message, then `quit`. You write those four steps (in
/// SMTPSession+Hello.swift, +Transaction.swift and +Auth.swift); this file gives each of
/// them `expect`, which reads a reply and looks it up in your transition table.
import NetLabKit

public final class SMTPSession {
    public let connection: SMTPConnection
    public let options: SMTPClientOptions
    /// The state the dialogue is in: the command whose reply it waits for.
    public internal(set) var state: SMTPState = .greeting
    /// The extensions the server advertised in its EHLO reply (none after HELO).
    public internal(set) var extensions = SMTPExtensions.none
    /// Set by `SMTPClient.send` while another message follows on this connection. With
    /// PIPELINING, `transaction` may then send the message and leave its final dot's reply
    /// unread (setting `awaitingMessageReply`), and read it after it has sent the next RSET,
    /// MAIL and RCPTs: RFC 2920 lets message content start a group, so a message costs two
    /// round trips instead of three. Ignoring this is correct, only slower.
    public internal(set) var anotherMessageFollows = false
    /// A message's final dot went out and its reply has not been read yet.
    public internal(set) var awaitingMessageReply = false

    public init(connection: SMTPConnection, options: SMTPClientOptions) {
        self.connection = connection
        self.options = options
    }

    /// Reads the reply to `command`, sent in `state`, and says what it means.
    ///
    /// - Returns: the reply and its outcome from `SMTPTransitions`.
    /// - Throws: `SMTPError.unexpectedReply` naming the state, the command and the
    ///   server's words when the table has no row for this reply in this state.
    @discardableResult
    public func expect(_ state: SMTPState, after command: String) throws -> (SMTPReply, SMTPOutcome) {
        self.state = state
        let reply = try connection.readReply(state: state, command: command)
        guard let outcome = try SMTPTransitions.outcome(in: state, for: reply) else {
            throw SMTPError.unexpectedReply(state: state, command: command, reply: reply)
        }
        return (reply, outcome)
    }

    /// Reads the reply to the last message's final dot if `transaction` left it unread
    /// (see `anotherMessageFollows`); does nothing otherwise.
    public func readDeferredMessageReply() throws {
        guard awaitingMessageReply else { return }
        awaitingMessageReply = false
        try expect(.message, after: "the message's final dot")
    }

    /// Sends one command and reads its reply (no pipelining).
    @discardableResult
    public func command(
        _ line: String, in state: SMTPState, shown: String? = nil
    ) throws -> (
        SMTPReply, SMTPOutcome
    ) {
        self.state = state
        try connection.send([line], shown: shown.map { [$0] })
        return try expect(state, after: shown ?? line)
    }

    /// Says QUIT after a failure, when the connection is still alive, so the server can
    /// free the session at once (RFC 5321 §4.1.1.10). Whatever it answers is ignored: the
    /// first error is the one the user needs to see.
    public func quitAfterFailure() {
        guard !connection.isBroken else { return }
        try? connection.send(["QUIT"])
        _ = try? connection.readReply(state: .quit, command: "QUIT")
    }
}

/// Sends messages: the whole dialogue, from connecting to QUIT.
public enum SMTPClient {
    /// Delivers a message (already composed) to a server.
    ///
    /// - Parameters:
    ///   - message: the message, headers and body, as it should arrive.
    ///   - envelope: MAIL FROM and the RCPT TO addresses (Bcc recipients are only here).
    ///   - server: where to connect.
    ///   - options: timeouts, credentials, `--count`, `-v`.
    /// - Returns: who got it and who was refused.
    /// - Throws: `SMTPError` when nothing was delivered; QUIT has then still been sent if
    ///   the connection was alive.
    public static func send(
        _ message: [UInt8], envelope: Envelope, to server: SocketAddress, options: SMTPClientOptions
    ) throws -> DeliveryReport {
        let connection = try SMTPConnection(to: server, timeout: options.timeout, transcript: options.transcript)
        defer { connection.close() }
        let session = SMTPSession(connection: connection, options: options)
        do {
            try session.hello()
            if let credentials = options.credentials { try session.authenticate(credentials) }
            var report = DeliveryReport()
            let count = max(1, options.count)
            for index in 0..<count {
                session.anotherMessageFollows = index + 1 < count
                let one = try session.transaction(message, envelope: envelope, resetFirst: index > 0)
                if index == 0 {
                    report.accepted = one.accepted
                    report.rejected = one.rejected
                }
                report.messagesDelivered += one.messagesDelivered
            }
            try session.readDeferredMessageReply()
            try session.quit()
            return report
        } catch {
            session.quitAfterFailure()
            throw error
        }
    }
}
