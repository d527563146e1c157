import NetLabKit

/// The client's transition table: for each state, which replies mean what.
///
/// A reply that no row lists for the current state is unexpected: the session stops and
/// reports the state, the command and the reply. Looking replies up in one table keeps
/// every rule in one place, where nested `if`s would scatter them over the dialogue.
public enum SMTPTransitions {
    /// Every expected reply, state by state (RFC 5321 §4.3.2 lists the codes for each command).
    public static let table: [SMTPTransition] = [
        // TODO: one row per expected reply, such as SMTPTransition(.greeting, 220...220, .proceed).
    ]

    /// What `reply` means in `state`.
    ///
    /// - Returns: the outcome of the first row for this state whose codes hold the reply's
    ///   code, or `nil` when the reply is unexpected.
    public static func outcome(in state: SMTPState, for reply: SMTPReply) throws -> SMTPOutcome? {
        throw NotImplemented("SMTPTransitions.outcome")
    }
}
