// Part 1: replies (RFC 5321 §4.2) and the extensions in an EHLO reply.
import Lab04SMTP
import Testing

/// Decodes one reply from text; the bytes left over are returned too.
func decodeReply(_ text: String) throws -> (SMTPReply?, String) {
    var buffer = Array(text.utf8)
    let reply = try SMTPReplyParser.decode(&buffer)
    return (reply, String(decoding: buffer, as: UTF8.self))
}

@Suite struct ReplyParsingTests {
    @Test func aOneLineReplyHasItsCodeAndText() throws {
        let (reply, rest) = try decodeReply("250 OK\r\n")
        #expect(reply == SMTPReply(code: 250, lines: ["OK"]))
        #expect(rest == "")
    }

    @Test func aMultiLineReplyKeepsEveryLine() throws {
        let (reply, _) = try decodeReply("250-mail.test greets you\r\n250-SIZE 1000\r\n250 PIPELINING\r\n")
        #expect(reply?.code == 250)
        #expect(reply?.lines == ["mail.test greets you", "SIZE 1000", "PIPELINING"])
    }

    @Test func anUnfinishedReplyWaitsForMoreAndKeepsTheBytes() throws {
        let (first, rest) = try decodeReply("250-one\r\n250 tw")
        #expect(first == nil)
        #expect(rest == "250-one\r\n250 tw")
        let (second, _) = try decodeReply("250-one\r\n")
        #expect(second == nil)
    }

    @Test func twoRepliesInOneReadComeOutOneAtATime() throws {
        var buffer = Array("250 first\r\n354 second\r\n".utf8)
        let first = try SMTPReplyParser.decode(&buffer)
        let second = try SMTPReplyParser.decode(&buffer)
        let third = try SMTPReplyParser.decode(&buffer)
        #expect(first?.code == 250)
        #expect(second?.code == 354)
        #expect(second?.lines == ["second"])
        #expect(third == nil)
    }

    @Test func theEnhancedStatusCodeIsKeptForTheError() throws {
        let (reply, _) = try decodeReply("550 5.1.1 <bob@example.org>: no such user\r\n")
        #expect(reply?.enhancedStatus == "5.1.1")
        #expect(reply?.description == "550 5.1.1 <bob@example.org>: no such user")
    }

    // RFC 3463 §2: the subject and the detail are each one to three digits.
    @Test(arguments: [
        ("550 5.7.139 Authentication unsuccessful\r\n", "5.7.139"), ("451 4.123.9 try later\r\n", "4.123.9"),
    ])
    func threeDigitsAreStillAnEnhancedCode(_ text: String, _ status: String) throws {
        let (reply, _) = try decodeReply(text)
        #expect(reply?.enhancedStatus == status)
    }

    @Test(arguments: ["250 ok here\r\n", "250 5.1.1 wrong class\r\n", "550 5.1 too short\r\n", "250 2.0.0x\r\n",
        "550 5.1234.1 four digits\r\n", "550 5.1.1234 four digits\r\n",
    ])
    func textThatIsNotAnEnhancedCodeIsNotOne(_ text: String) throws {
        let (reply, _) = try decodeReply(text)
        #expect(reply != nil)
        #expect(reply?.enhancedStatus == nil)
    }

    @Test func aCodeAloneIsAWholeReply() throws {
        let (reply, _) = try decodeReply("250\r\n")
        #expect(reply == SMTPReply(code: 250, lines: [""]))
    }

    @Test func aBareLineFeedEndsALineToo() throws {
        let (reply, _) = try decodeReply("220-hello\n220 there\n")
        #expect(reply?.lines == ["hello", "there"])
    }

    @Test(arguments: [
        "hello there\r\n", "25 short\r\n", "2500 long\r\n", "25O letter\r\n", "650 no such class\r\n",
        "250-first\r\n251 other code\r\n", "250_underscore\r\n",
    ])
    func aLineThatIsNotAReplyIsAnError(_ text: String) {
        var buffer = Array(text.utf8)
        let error = #expect(throws: (any Error).self) { try SMTPReplyParser.decode(&buffer) }
        #expect(error.map(isNotImplemented) == false)
        #expect(error as? SMTPError != nil)
    }

    @Test func anEndlessLineIsRefusedInsteadOfBufferedForever() {
        var buffer = Array(("250 " + String(repeating: "x", count: 10_000)).utf8)
        let error = #expect(throws: SMTPError.self) { try SMTPReplyParser.decode(&buffer) }
        #expect(error != nil)
    }

    @Test func aReplyOfMoreThanTheMostLinesIsRefused() throws {
        func reply(lines: Int) -> [UInt8] {
            Array((String(repeating: "250-line\r\n", count: lines - 1) + "250 last\r\n").utf8)
        }
        let most = SMTPReplyParser.maximumLines
        var longest = reply(lines: most)
        let accepted = try SMTPReplyParser.decode(&longest)
        #expect(accepted?.lines.count == most)
        var tooLong = reply(lines: most + 1)
        let error = #expect(throws: (any Error).self) { try SMTPReplyParser.decode(&tooLong) }
        #expect(error as? SMTPError != nil, "\(String(describing: error))")
    }

    @Test(arguments: [
        (220, SMTPReply.Kind.positiveCompletion), (354, .positiveIntermediate), (421, .transientFailure),
        (554, .permanentFailure),
    ])
    func theFirstDigitIsTheClass(_ code: Int, _ kind: SMTPReply.Kind) throws {
        let (reply, _) = try decodeReply("\(code) text\r\n")
        #expect(reply?.kind == kind)
    }

    @Test func ehloExtensionsAreRead() throws {
        let (reply, _) = try decodeReply(
            "250-mail.test greets you\r\n250-size 35882577\r\n250-8BITMIME\r\n250-PIPELINING\r\n"
                + "250-AUTH PLAIN LOGIN\r\n250 ENHANCEDSTATUSCODES\r\n")
        let extensions = try SMTPExtensions.parse(ehloReply: try #require(reply))
        #expect(extensions.size == 35_882_577)
        #expect(extensions.eightBitMIME)
        #expect(extensions.pipelining)
        #expect(extensions.authMechanisms == ["PLAIN", "LOGIN"])
        #expect(extensions.keywords.contains("ENHANCEDSTATUSCODES"))
    }

    @Test func theGreetingLineIsNotAnExtension() throws {
        let reply = SMTPReply(code: 250, lines: ["PIPELINING.example.org", "SIZE"])
        let extensions = try SMTPExtensions.parse(ehloReply: reply)
        #expect(extensions.pipelining == false)
        #expect(extensions.size == 0)
    }

    @Test func theOldAuthEqualsFormIsUnderstood() throws {
        let reply = SMTPReply(code: 250, lines: ["hi", "AUTH=LOGIN"])
        let extensions = try SMTPExtensions.parse(ehloReply: reply)
        #expect(extensions.authMechanisms == ["LOGIN"])
        #expect(extensions.size == nil)
        #expect(extensions.pipelining == false)
    }
}
