/// The client's transition table: for each state, which replies mean what.
///
/// A reply that no row lists for the current state is unexpected: the session stops and
/// reports the state, the command and the reply. Looking replies up in one table keeps
/// every rule in one place, where nested `if`s would scatter them over the dialogue.
public enum SMTPTransitions {
    /// Every expected reply, state by state (RFC 5321 §4.3.2 lists the codes for each command).
    public static let table: [SMTPTransition] = [
        SMTPTransition(.greeting, 220...220, .proceed),
        SMTPTransition(.ehlo, 250...250, .proceed),
        // RFC 5321 §4.1.4: a server that does not know EHLO answers 500, 501, 502, 504 or 550.
        SMTPTransition(.ehlo, 500...502, .fallBackToHelo),
        SMTPTransition(.ehlo, 504...504, .fallBackToHelo),
        SMTPTransition(.ehlo, 550...550, .fallBackToHelo),
        SMTPTransition(.helo, 250...250, .proceed),
        SMTPTransition(.authPlain, 235...235, .proceed),
        SMTPTransition(.authLogin, 334...334, .sendCredentials),
        SMTPTransition(.authUsername, 334...334, .sendCredentials),
        SMTPTransition(.authPassword, 235...235, .proceed),
        SMTPTransition(.mail, 250...250, .proceed),
        // 251 "user not local; will forward" is a success too.
        SMTPTransition(.rcpt, 250...251, .proceed),
        // One refused recipient is not the end of the dialogue (but 421, "closing", is).
        SMTPTransition(.rcpt, 450...459, .refuseRecipient),
        SMTPTransition(.rcpt, 501...501, .refuseRecipient),
        SMTPTransition(.rcpt, 550...559, .refuseRecipient),
        SMTPTransition(.data, 354...354, .proceed),
        SMTPTransition(.message, 250...250, .proceed),
        SMTPTransition(.reset, 250...250, .proceed),
        SMTPTransition(.quit, 221...221, .proceed),
    ]

    /// What `reply` means in `state`.
    ///
    /// - Returns: the outcome of the first row for this state whose codes hold the reply's
    ///   code, or `nil` when the reply is unexpected.
    public static func outcome(in state: SMTPState, for reply: SMTPReply) throws -> SMTPOutcome? {
        table.first { $0.state == state && $0.codes.contains(reply.code) }?.outcome
    }
}
