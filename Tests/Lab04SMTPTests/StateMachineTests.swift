// Part 2: the transition table. Each state expects certain replies; anything else ends
// the dialogue.
import Lab04SMTP
import Testing

@Suite struct StateMachineTests {
    static let expected: [(SMTPState, Int, SMTPOutcome?)] = [
        (.greeting, 220, .proceed), (.greeting, 554, nil), (.greeting, 421, nil), (.greeting, 250, nil),
        (.ehlo, 250, .proceed), (.ehlo, 500, .fallBackToHelo), (.ehlo, 502, .fallBackToHelo),
        (.ehlo, 550, .fallBackToHelo), (.ehlo, 421, nil), (.ehlo, 499, nil), (.ehlo, 220, nil),
        (.helo, 250, .proceed), (.helo, 501, nil),
        (.authPlain, 235, .proceed), (.authPlain, 535, nil), (.authPlain, 334, nil),
        (.authLogin, 334, .sendCredentials), (.authLogin, 235, nil), (.authLogin, 504, nil),
        (.authUsername, 334, .sendCredentials), (.authUsername, 535, nil),
        (.authPassword, 235, .proceed), (.authPassword, 535, nil), (.authPassword, 334, nil),
        (.mail, 250, .proceed), (.mail, 550, nil), (.mail, 451, nil), (.mail, 552, nil), (.mail, 354, nil),
        (.rcpt, 250, .proceed), (.rcpt, 251, .proceed), (.rcpt, 550, .refuseRecipient),
        (.rcpt, 553, .refuseRecipient), (.rcpt, 450, .refuseRecipient), (.rcpt, 452, .refuseRecipient),
        (.rcpt, 421, nil), (.rcpt, 503, nil), (.rcpt, 354, nil), (.rcpt, 501, .refuseRecipient), (.rcpt, 500, nil),
        (.data, 354, .proceed), (.data, 250, nil), (.data, 554, nil), (.data, 503, nil),
        (.message, 250, .proceed), (.message, 552, nil), (.message, 451, nil), (.message, 354, nil),
        (.reset, 250, .proceed), (.reset, 500, nil),
        (.quit, 221, .proceed), (.quit, 250, nil),
        // The codes next to each accepted one: a row is its codes exactly, no more.
        (.greeting, 221, nil), (.ehlo, 251, nil), (.ehlo, 501, .fallBackToHelo), (.ehlo, 503, nil),
        (.ehlo, 504, .fallBackToHelo), (.ehlo, 505, nil), (.ehlo, 549, nil), (.ehlo, 551, nil), (.helo, 251, nil),
        (.authPlain, 236, nil), (.authLogin, 335, nil), (.authUsername, 333, nil), (.authUsername, 335, nil),
        (.authPassword, 236, nil), (.mail, 251, nil), (.rcpt, 455, .refuseRecipient), (.rcpt, 551, .refuseRecipient),
        (.rcpt, 555, .refuseRecipient), (.data, 353, nil), (.data, 355, nil), (.message, 251, nil),
        (.reset, 251, nil), (.quit, 220, nil), (.quit, 222, nil),
    ]

    @Test(arguments: expected)
    func eachStateExpectsItsReplies(_ state: SMTPState, _ code: Int, _ outcome: SMTPOutcome?) throws {
        let found = try SMTPTransitions.outcome(in: state, for: SMTPReply(code: code, lines: ["text"]))
        #expect(found == outcome, "state \(state), reply \(code)")
    }

    @Test func everyStateHasARowInTheTable() throws {
        _ = try SMTPTransitions.outcome(in: .greeting, for: SMTPReply(code: 220, lines: []))
        let states = Set(SMTPTransitions.table.map(\.state))
        #expect(states == Set(SMTPState.allCases))
    }

    @Test func onlyTheCodeDecidesNotTheText() throws {
        let polite = try SMTPTransitions.outcome(in: .mail, for: SMTPReply(code: 250, lines: ["2.1.0 fine"]))
        let rude = try SMTPTransitions.outcome(in: .mail, for: SMTPReply(code: 250, lines: ["no"]))
        #expect(polite == .proceed)
        #expect(rude == .proceed)
    }
}
