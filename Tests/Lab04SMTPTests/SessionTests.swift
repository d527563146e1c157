// Part 3: the dialogue and the envelope, against scripted fake servers and the sink.
import Foundation
import Lab04SMTP
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

/// The error a delivery ended with, or `nil` if it worked. A starter's "not implemented"
/// fails the test here, by name, instead of looking like a network problem.
func failure(of result: Result<DeliveryReport, Error>) -> Error? {
    guard case .failure(let error) = result else { return nil }
    #expect(!isNotImplemented(error), "\(error)")
    return error
}

@Suite struct SessionTests {
    // MARK: DATA's encoding

    @Test func dotsAtTheStartOfALineAreDoubledAndLineEndsBecomeCRLF() throws {
        let stuffed = try DataEncoding.stuffed(Array("a\n.b\r\n..c\rd.e".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "a\r\n..b\r\n...c\r\nd.e\r\n.\r\n")
    }

    @Test func anEmptyMessageIsJustTheFinalDot() throws {
        let stuffed = try DataEncoding.stuffed([])
        #expect(stuffed == Array(".\r\n".utf8))
    }

    @Test func aLineOver998OctetsIsRefused() throws {
        let fine = try DataEncoding.stuffed(Array(String(repeating: "x", count: 998).utf8))
        #expect(fine.count == 998 + 5)
        #expect(throws: MessageInputError.self) {
            try DataEncoding.stuffed(Array(String(repeating: "x", count: 999).utf8))
        }
    }

    @Test func theSizeCountsCRLFButNotStuffing() throws {
        let size = try DataEncoding.size(of: Array("ab\n.c".utf8))
        #expect(size == 2 + 2 + 2 + 2)
    }

    @Test func anEmptyLineCountsAsALineEnd() throws {
        // "a", an empty line, "b": three CRLFs. Two LFs in a row are two line ends.
        let size = try DataEncoding.size(of: Array("a\n\nb".utf8))
        #expect(size == 1 + 2 + 2 + 1 + 2)
        let crlf = try DataEncoding.size(of: Array("a\r\n\r\nb\r\n".utf8))
        #expect(crlf == 1 + 2 + 2 + 1 + 2)
    }

    @Test func aLastLineOfOneCharacterGetsItsCRLF() throws {
        let stuffed = try DataEncoding.stuffed(Array("Hi\r\nx".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "Hi\r\nx\r\n.\r\n")
    }

    // MARK: The dialogue

    @Test func aMessageGoesThroughTheWholeDialogue() throws {
        let server = try FakeSMTPServer(
            greeting: ["220-fake.test ESMTP", "220 second greeting line"], respond: esmtp())
        let message = "Subject: x\r\n\r\n.starts with a dot\r\nend\r\n"
        let result = deliver(message, to: ["bob@example.org", "carol@example.org"], server: server.address)
        #expect(failure(of: result) == nil)
        let log = server.waitForCommands { $0.commands.last == "QUIT" }
        let size = message.utf8.count
        #expect(
            log.commands == [
                "EHLO localhost", "MAIL FROM:<ada@example.org> SIZE=\(size)", "RCPT TO:<bob@example.org>",
                "RCPT TO:<carol@example.org>", "DATA", "QUIT",
            ])
        #expect(log.messages == [Array("Subject: x\r\n\r\n..starts with a dot\r\nend\r\n".utf8)])
        let report = try result.get()
        #expect(report.accepted == ["bob@example.org", "carol@example.org"])
        #expect(report.rejected.isEmpty)
        #expect(report.messagesDelivered == 1)
    }

    @Test(arguments: [500, 502, 550])
    func heloIsUsedWhenEhloIsRefused(_ code: Int) throws {
        let server = try FakeSMTPServer(
            respond: esmtp { $0.hasPrefix("EHLO") ? .reply(["\(code) no EHLO here"]) : nil })
        var options = SMTPClientOptions(timeout: 10)
        options.heloName = "client.test"
        let result = deliver(smallMessage, server: server.address, options: options)
        #expect(failure(of: result) == nil)
        let log = server.waitForCommands { $0.commands.last == "QUIT" }
        #expect(
            Array(log.commands.prefix(3)) == ["EHLO client.test", "HELO client.test", "MAIL FROM:<ada@example.org>"])
    }

    @Test func aRefusedRecipientIsReportedAndTheOthersStillGetIt() throws {
        let server = try FakeSMTPServer(
            respond: esmtp { $0 == "RCPT TO:<nobody@example.org>" ? .reply(["550 5.1.1 nobody: no such user"]) : nil })
        let result = deliver(smallMessage, to: ["bob@example.org", "nobody@example.org"], server: server.address)
        #expect(failure(of: result) == nil)
        let report = try result.get()
        #expect(report.accepted == ["bob@example.org"])
        #expect(report.rejected.map(\.address) == ["nobody@example.org"])
        #expect(report.rejected.first?.reply.enhancedStatus == "5.1.1")
        #expect(server.waitForCommands { $0.commands.last == "QUIT" }.messages.count == 1)
    }

    @Test func whenEveryRecipientIsRefusedNoDataIsSent() throws {
        let server = try FakeSMTPServer(respond: esmtp { $0.hasPrefix("RCPT") ? .reply(["550 5.1.1 no"]) : nil })
        let result = deliver(smallMessage, to: ["x@example.org", "y@example.org"], server: server.address)
        let error = failure(of: result)
        guard case .noRecipientAccepted(let refused) = error as? SMTPError else {
            Issue.record("expected noRecipientAccepted, got \(String(describing: error))")
            return
        }
        #expect(refused.map(\.address) == ["x@example.org", "y@example.org"])
        let log = server.waitForCommands { $0.commands.last == "QUIT" }
        #expect(!log.commands.contains("DATA"))
        #expect(log.commands.last == "QUIT")
        #expect(log.messages.isEmpty)
    }

    /// A failure at each step: the error names the state and the server's words, and QUIT
    /// is still sent.
    @Test(arguments: [
        ("MAIL", "550 5.7.1 sender refused", SMTPState.mail),
        ("MAIL", "451 4.3.0 try later", .mail),
        ("DATA", "554 5.5.1 no thanks", .data),
        (".", "552 5.3.4 too big for me", .message),
        ("RCPT", "421 4.4.2 closing", .rcpt),
        ("EHLO", "421 4.3.2 busy", .ehlo),
    ])
    func anUnexpectedReplyEndsTheDialogueWithItsWords(_ verb: String, _ reply: String, _ state: SMTPState) throws {
        let server = try FakeSMTPServer(respond: esmtp { $0.hasPrefix(verb) ? .reply([reply]) : nil })
        let error = failure(of: deliver(smallMessage, server: server.address))
        guard case .unexpectedReply(let where_, _, let got) = error as? SMTPError else {
            Issue.record("expected unexpectedReply, got \(String(describing: error))")
            return
        }
        #expect(where_ == state)
        #expect(got.description == reply)
        let text = "\(error!)"
        #expect(text.contains(state.rawValue) && text.contains(reply) && text.contains("not delivered"), "\(text)")
        #expect(server.waitForCommands { $0.commands.last == "QUIT" }.commands.last == "QUIT")
    }

    @Test func aRefusedGreetingIsAnError() throws {
        let server = try FakeSMTPServer(greeting: ["554 5.3.2 go away"], respond: esmtp())
        let error = failure(of: deliver(smallMessage, server: server.address))
        guard case .unexpectedReply(let state, _, let reply) = error as? SMTPError else {
            Issue.record("expected unexpectedReply, got \(String(describing: error))")
            return
        }
        #expect(state == .greeting)
        #expect(reply.code == 554)
    }

    @Test func aServerThatHangsUpMidDialogueMeansNotDelivered() throws {
        let server = try FakeSMTPServer(respond: esmtp { $0 == "." ? .close : nil })
        let error = failure(of: deliver(smallMessage, server: server.address))
        let text = error.map { "\($0)" } ?? "no error"
        #expect(error is SMTPError)
        #expect(text.contains("not delivered"), "\(text)")
    }

    @Test func aSilentServerTimesOutWithTheTimeoutGiven() throws {
        let server = try FakeSMTPServer(respond: esmtp { $0.hasPrefix("MAIL") ? .silence : nil })
        let error = failure(of: deliver(smallMessage, server: server.address, options: SMTPClientOptions(timeout: 0.5)))
        guard case .timedOut(let state, _, let seconds) = error as? SMTPError else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(state == .mail)
        #expect(seconds == 0.5)
        #expect("\(error!)".contains("not delivered"))
    }

    @Test func nothingListeningIsAClearError() throws {
        let working = try FakeSMTPServer(respond: esmtp())
        #expect(failure(of: deliver(smallMessage, server: working.address)) == nil)
        let listener = try TCPListener(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0))
        let address = try listener.localAddress()
        listener.close()
        let error = failure(of: deliver(smallMessage, server: address))
        #expect("\(error.map { "\($0)" } ?? "")".contains("not delivered"))
    }

    // MARK: Extensions

    @Test func withPipeliningMailAndEveryRcptGoInOneWrite() throws {
        let ehlo = ["250-fake.test", "250-PIPELINING", "250 SIZE 100000"]
        let server = try FakeSMTPServer(respond: esmtp(ehlo: ehlo))
        let result = deliver(smallMessage, to: ["b@example.org", "c@example.org"], server: server.address)
        #expect(failure(of: result) == nil)
        let afterMail = server.waitForCommands { $0.commands.last == "QUIT" }.afterMail
        #expect(afterMail == ["RCPT TO:<b@example.org>\r\nRCPT TO:<c@example.org>\r\n"])
    }

    @Test func withoutPipeliningEachCommandWaitsForItsReply() throws {
        let server = try FakeSMTPServer(respond: esmtp())
        let result = deliver(smallMessage, to: ["b@example.org", "c@example.org"], server: server.address)
        #expect(failure(of: result) == nil)
        #expect(server.waitForCommands { $0.commands.last == "QUIT" }.afterMail == [""])
    }

    @Test func aMessageOverTheSizeLimitIsNeverSent() throws {
        let server = try FakeSMTPServer(respond: esmtp(ehlo: ["250-fake.test", "250 SIZE 20"]))
        let error = failure(of: deliver(smallMessage, server: server.address))
        #expect(error as? SMTPError == .messageTooLarge(size: smallMessage.utf8.count, limit: 20))
        let log = server.waitForCommands { $0.commands.last == "QUIT" }
        #expect(log.commands == ["EHLO localhost", "QUIT"])
    }

    @Test func aMessageExactlyAtTheSizeLimitIsSent() throws {
        let limit = smallMessage.utf8.count
        let server = try FakeSMTPServer(respond: esmtp(ehlo: ["250-fake.test", "250 SIZE \(limit)"]))
        #expect(failure(of: deliver(smallMessage, server: server.address)) == nil)
        #expect(server.waitForCommands { $0.commands.last == "QUIT" }.messages.count == 1)
    }

    @Test func eightBitMailSaysSoWhenTheServerTakesIt() throws {
        let server = try FakeSMTPServer(respond: esmtp(ehlo: ["250-fake.test", "250 8BITMIME"]))
        #expect(failure(of: deliver("Subject: é\r\n\r\nü\r\n", server: server.address)) == nil)
        let log = server.waitForCommands { $0.commands.last == "QUIT" }
        #expect(log.commands.contains("MAIL FROM:<ada@example.org> BODY=8BITMIME"))
    }

    @Test func anyByteFrom0x80UpIsEightBit() throws {
        // 0x80 is the euro sign in Windows-1252: a message file in that encoding has it raw.
        let server = try FakeSMTPServer(respond: esmtp(ehlo: ["250-fake.test", "250 8BITMIME"]))
        let message = Array("Subject: price\r\n\r\n5 ".utf8) + [0x80] + Array("\r\n".utf8)
        let result = Result {
            try SMTPClient.send(
                message, envelope: Envelope(sender: "ada@example.org", recipients: ["bob@example.org"]),
                to: server.address, options: SMTPClientOptions(timeout: 10))
        }
        #expect(failure(of: result) == nil)
        let log = server.waitForCommands { $0.commands.last == "QUIT" }
        #expect(log.commands.contains("MAIL FROM:<ada@example.org> BODY=8BITMIME"), "\(log.commands)")
    }

    @Test func countSendsTheMessageAgainWithRsetBetween() throws {
        let server = try FakeSMTPServer(respond: esmtp())
        let result = deliver(smallMessage, server: server.address, options: SMTPClientOptions(timeout: 10, count: 3))
        #expect(failure(of: result) == nil)
        #expect(try result.get().messagesDelivered == 3)
        let log = server.waitForCommands { $0.commands.last == "QUIT" }
        #expect(log.messages.count == 3)
        #expect(log.commands.filter { $0 == "RSET" }.count == 2)
        #expect(log.connections == 1)
    }

    @Test func withPipeliningCountDeliversEveryMessageAndReadsEveryFinalReply() throws {
        let ehlo = ["250-fake.test", "250-PIPELINING", "250 SIZE 100000"]
        let server = try FakeSMTPServer(respond: esmtp(ehlo: ehlo))
        let result = deliver(smallMessage, server: server.address, options: SMTPClientOptions(timeout: 10, count: 3))
        #expect(failure(of: result) == nil)
        #expect(try result.get().messagesDelivered == 3)
        let log = server.waitForCommands { $0.commands.last == "QUIT" }
        #expect(log.messages.count == 3)
        // A refused message in the middle of the run is reported, even though its reply may
        // come after the next RSET, MAIL and RCPT went out.
        let dots = Atomic<Int>(0)
        let refusing = try FakeSMTPServer(
            respond: esmtp(ehlo: ehlo) { line in
                guard line == "." else { return nil }
                return dots.add(1, ordering: .relaxed).newValue == 2 ? .reply(["554 5.6.0 Message refused"]) : nil
            })
        let refused = deliver(smallMessage, server: refusing.address, options: SMTPClientOptions(timeout: 10, count: 3))
        let error = failure(of: refused).map { "\($0)" } ?? "no error"
        #expect(error.contains("554 5.6.0 Message refused"))
        #expect(refusing.waitForCommands { $0.commands.last == "QUIT" }.messages.count == 2)
    }

    @Test func verboseShowsTheDialogueLikeSwaks() throws {
        let server = try FakeSMTPServer(respond: esmtp())
        let transcript = Transcript()
        let options = SMTPClientOptions(timeout: 10, transcript: transcript.sink)
        #expect(failure(of: deliver(smallMessage, server: server.address, options: options)) == nil)
        let lines = transcript.lines
        #expect(lines.contains(" -> EHLO localhost"))
        #expect(lines.contains("<-  220 fake.test ESMTP"))
        #expect(lines.contains("<-  250-fake.test greets you"))
        #expect(lines.contains(" -> Subject: Hi"))
        #expect(lines.contains(" -> ."))
        #expect(lines.contains("<-  221 2.0.0 Bye"))
        #expect(lines.last == "=== Connection closed with remote host.")
    }

    // MARK: The sink

    @Test func theSinkStoresExactlyWhatWasSent() throws {
        let folder = NSTemporaryDirectory() + "lab04-sink-\(UUID().uuidString)/mail"
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let sink = try LabProcess.launch(
            "lab04-smtp", ["sink", "--port", "0", "--dir", folder, "--reject", "Nobody@Example.org"])
        let address = try sink.waitForListening(scheme: "tcp")
        let message = "Message-ID: <abc.123@example.org>\r\nSubject: x\r\n\r\n.dot\r\n..two\r\nlast line"
        let result = deliver(message, to: ["bob@example.org", "nobody@example.org"], server: address)
        #expect(failure(of: result) == nil)
        #expect(try result.get().rejected.map(\.reply.code) == [550])
        let line = sink.waitForLine(timeout: 10) { $0.hasPrefix("message 1") }
        #expect(line?.contains("to <bob@example.org>:") == true, "\(sink.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1)
        #expect(files.first?.hasSuffix("-1-abc.123@example.org.eml") == true, "\(files)")
        let stored = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + (files.first ?? "")))
        #expect(Array(stored) == Array((message + "\r\n").utf8))
    }

    @Test func theSinkDropsAMessageCutOffBeforeItsFinalDot() throws {
        let folder = NSTemporaryDirectory() + "lab04-cut-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sink = try LabProcess.launch("lab04-smtp", ["sink", "--port", "0", "--dir", folder])
        let address = try sink.waitForListening(scheme: "tcp")
        // A client that hangs up in the middle of DATA, written by hand.
        let raw = try TCPSocket(connectingTo: address, timeout: 5)
        try raw.setReceiveTimeout(5)
        try raw.sendAll(Array("EHLO cut\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n".utf8))
        var seen = ""
        while !seen.contains("354") {
            let chunk = try raw.receive()
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        try raw.sendAll(Array("Subject: half\r\n\r\nthe first half, and then".utf8))
        raw.close()
        // Your client's message after it is stored as message 1: the cut one never was.
        #expect(failure(of: deliver(smallMessage, server: address)) == nil)
        let line = sink.waitForLine(timeout: 10) { $0.hasPrefix("message ") }
        #expect(line?.hasPrefix("message 1 from <ada@example.org>") == true, "\(sink.stdout)")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        #expect(files.count == 1)
    }
}
