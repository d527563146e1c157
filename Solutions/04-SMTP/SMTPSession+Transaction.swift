/// One mail transaction: MAIL FROM, RCPT TO for each recipient, DATA, the message.
extension SMTPSession {
    /// Sends one message.
    ///
    /// With PIPELINING (RFC 2920), RSET, MAIL and every RCPT go out in one write and their
    /// replies are read afterwards, in order; otherwise each command waits for its reply.
    /// With PIPELINING and another message to follow, the final dot's reply is left for the
    /// next transaction (or `SMTPClient.send`) to read after the next group is sent.
    ///
    /// - Parameters:
    ///   - message: the message, headers and body.
    ///   - envelope: the sender and every recipient.
    ///   - resetFirst: send RSET first (each message after the first on one connection).
    /// - Returns: the accepted and refused recipients, and 1 message delivered.
    /// - Throws: `SMTPError.messageTooLarge` before MAIL when the message is over the
    ///   server's SIZE; `.noRecipientAccepted` (after RSET, without DATA) when every
    ///   recipient is refused; `.unexpectedReply` and the others for any other failure.
    public func transaction(_ message: [UInt8], envelope: Envelope, resetFirst: Bool) throws -> DeliveryReport {
        let size = try DataEncoding.size(of: message)
        if let limit = extensions.size, limit > 0, size > limit {
            throw SMTPError.messageTooLarge(size: size, limit: limit)
        }
        let stuffed = try DataEncoding.stuffed(message)
        var mail = "MAIL FROM:<\(envelope.sender)>"
        if extensions.size != nil { mail += " SIZE=\(size)" }
        if extensions.eightBitMIME && message.contains(where: { $0 >= 0x80 }) { mail += " BODY=8BITMIME" }

        // Each command with the state its reply belongs to.
        var steps: [(command: String, state: SMTPState)] = []
        if resetFirst { steps.append(("RSET", .reset)) }
        steps.append((mail, .mail))
        steps += envelope.recipients.map { ("RCPT TO:<\($0)>", .rcpt) }

        var replies: [(SMTPReply, SMTPOutcome)] = []
        if extensions.pipelining {
            state = steps[0].state
            try connection.send(steps.map(\.command))
            // Read every reply of the group before judging any, so that a failure leaves no
            // reply unread to be mistaken for the answer to QUIT. The previous message's final
            // dot, if its reply was left unread, started this group: its reply comes first.
            var failure: Error?
            do {
                try readDeferredMessageReply()
            } catch let error as SMTPError {
                guard case .unexpectedReply = error else { throw error }
                failure = error
            }
            for step in steps {
                do {
                    replies.append(try expect(step.state, after: step.command))
                } catch let error as SMTPError {
                    guard case .unexpectedReply = error else { throw error }
                    if failure == nil { failure = error }
                }
            }
            if let failure { throw failure }
        } else {
            for step in steps { replies.append(try command(step.command, in: step.state)) }
        }

        var report = DeliveryReport()
        for (step, (reply, outcome)) in zip(steps, replies) where step.state == .rcpt {
            let address = String(step.command.dropFirst("RCPT TO:<".count).dropLast())
            if outcome == .refuseRecipient {
                report.rejected.append(RejectedRecipient(address: address, reply: reply))
            } else {
                report.accepted.append(address)
            }
        }
        guard !report.accepted.isEmpty else {
            // RFC 5321 §3.3: no recipient, no DATA. RSET ends the transaction cleanly.
            try command("RSET", in: .reset)
            throw SMTPError.noRecipientAccepted(report.rejected)
        }
        try command("DATA", in: .data)
        state = .message
        let deferReply = extensions.pipelining && anotherMessageFollows
        // When the reply waits, the message waits too: it goes out in one write with the next group.
        try connection.sendMessage(stuffed, holding: deferReply)
        if deferReply {
            awaitingMessageReply = true  // read after the next group is sent (RFC 2920 §3.1)
        } else {
            try expect(.message, after: "the message's final dot")
        }
        report.messagesDelivered = 1
        return report
    }
}
