/// The states of an SMTP client's dialogue, and what a reply in each one leads to.
///
/// Each state is "the client sent this command and waits for its reply". The session
/// looks every reply up in `SMTPTransitions.table` instead of nesting `if`s: a reply the
/// table does not list for the current state is unexpected, and ends the dialogue.
///
/// ```
///  greeting -220-> ehlo -250-> [auth] -> mail -250-> rcpt … -> data -354-> message -250-> quit -221->
///                    | 5xx
///                    v
///                   helo -250-> [auth] -> mail …
///
///  auth:  authPlain -235->   or   authLogin -334-> authUsername -334-> authPassword -235->
///  rcpt:  250/251 accepted; 4xx/5xx refuses that one recipient, the others still get the message
///  more messages on one connection: message -250-> reset -250-> mail …
/// ```
public enum SMTPState: String, Sendable, CaseIterable {
    /// Connected; waiting for the server's 220 greeting.
    case greeting
    /// Sent EHLO.
    case ehlo
    /// Sent HELO (the server refused EHLO).
    case helo
    /// Sent `AUTH PLAIN <credentials>`.
    case authPlain
    /// Sent `AUTH LOGIN`.
    case authLogin
    /// Sent the base64 user name (AUTH LOGIN).
    case authUsername
    /// Sent the base64 password (AUTH LOGIN).
    case authPassword
    /// Sent `MAIL FROM:<…>`.
    case mail
    /// Sent `RCPT TO:<…>`.
    case rcpt
    /// Sent DATA.
    case data
    /// Sent the message and its final `.`.
    case message
    /// Sent RSET (between two messages on one connection).
    case reset
    /// Sent QUIT.
    case quit
}

/// What a reply means for the dialogue.
public enum SMTPOutcome: Sendable, Equatable {
    /// The command worked: go on to the next one.
    case proceed
    /// EHLO was refused: say HELO instead (RFC 5321 §4.1.4), without extensions.
    case fallBackToHelo
    /// The server asks for the next piece of an AUTH exchange (334).
    case sendCredentials
    /// This recipient is refused; the others may still get the message.
    case refuseRecipient
}

/// One row of the transition table: in `state`, a reply whose code is in `codes` means
/// `outcome`.
public struct SMTPTransition: Sendable, Equatable {
    public var state: SMTPState
    public var codes: ClosedRange<Int>
    public var outcome: SMTPOutcome

    public init(_ state: SMTPState, _ codes: ClosedRange<Int>, _ outcome: SMTPOutcome) {
        self.state = state
        self.codes = codes
        self.outcome = outcome
    }
}
