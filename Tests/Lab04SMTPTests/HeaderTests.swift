// Part 4: addresses, encoded words, folding and the header section.
import Foundation
import Lab04SMTP
import NetLabTesting
import Testing

/// A spec with everything a header can hold; tests change what they need.
func sampleSpec() -> MessageSpec {
    MessageSpec(
        from: MailAddress(displayName: "Ada Lovelace", address: "ada@example.org"),
        to: [MailAddress(address: "bob@example.org")], subject: "Hello", text: "Hi Bob.\n",
        date: 1_796_220_117, messageID: "1796220117.abc@example.org")
}

/// The header fields as a reader sees them (unfolded), from rendered fields.
func readFields(_ fields: [String]) throws -> ReadPart {
    try readEntity(fields.joined(separator: "\r\n") + "\r\n\r\n")
}

@Suite struct HeaderTests {
    @Test(arguments: [
        ("ada@example.org", nil, "ada@example.org"),
        ("<ada@example.org>", nil, "ada@example.org"),
        ("Ada Lovelace <ada@example.org>", "Ada Lovelace", "ada@example.org"),
        ("\"Lovelace, Ada\" <ada@example.org>", "Lovelace, Ada", "ada@example.org"),
        ("  Zoë   <zoe@example.org> ", "Zoë", "zoe@example.org"),
        // Printable ASCII from ! to ~ is allowed in an address, apart from the few specials.
        ("ada!relay@example.org", nil, "ada!relay@example.org"), ("<~ada@example.org>", nil, "~ada@example.org"),
    ])
    func addressesAreRead(_ text: String, _ name: String?, _ address: String) throws {
        let parsed = try MailAddress.parse(text)
        #expect(parsed == MailAddress(displayName: name, address: address))
    }

    @Test(arguments: [
        "ada.example.org", "ada @example.org", "ada@", "@example.org", "ada@example.org\r\nBcc: eve@example.org",
        "Ada <ada@example.org", "zoë@example.org", "a<b@example.org", "Ada\n <ada@example.org>",
    ])
    func badAddressesAreRefused(_ text: String) {
        let error = #expect(throws: (any Error).self) { try MailAddress.parse(text) }
        #expect(error is MessageInputError, "\(String(describing: error))")
    }

    @Test(arguments: ["hi\r\nBcc: eve@example.org", "two\nlines", "cr\ronly"])
    func lineBreaksAreRefusedAsHeaderInjection(_ text: String) {
        let error = #expect(throws: (any Error).self) { try HeaderSafety.refuseLineBreaks(in: text, what: "x") }
        #expect(error is MessageInputError)
        var spec = sampleSpec()
        spec.subject = text
        #expect(throws: MessageInputError.self) { try MessageHeaders.render(spec) }
    }

    @Test func plainAsciiNeedsNoEncoding() throws {
        let field = HeaderText.unstructured("Subject", "Lab report, week 4")
        #expect(field == "Subject: Lab report, week 4")
        #expect(HeaderText.unstructured("Subject", "two  spaces") == "Subject: two  spaces")
        #expect(HeaderText.needsEncoding("Lab report") == false)
        #expect(HeaderText.needsEncoding("Grüße") == true)
        #expect(HeaderText.needsEncoding("looks =?like?= one") == true)
    }

    @Test(arguments: [
        "Grüße aus Zürich",
        "日本語のテキストとても長い件名、折り返しが必要です。日本語のテキスト",
        "Emoji 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉 party", "é",
    ])
    func nonAsciiSubjectsBecomeEncodedWordsThatDecodeBack(_ subject: String) throws {
        let field = HeaderText.unstructured("Subject", subject)
        let lines = field.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "\(lines)")
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        let words = HeaderText.encodedWords(subject)
        #expect(words.allSatisfy { $0.utf8.count <= 75 && $0.hasPrefix("=?") && $0.hasSuffix("?=") })
        // Each word on its own must be whole UTF-8 (no character split between two words).
        #expect(words.allSatisfy { decodeHeader($0) != $0 }, "\(words)")
        let read = try readFields([field])
        #expect(decodeHeader(read.header("Subject") ?? "") == subject)
    }

    @Test func aLongAsciiSubjectIsFoldedAndUnfoldsBack() throws {
        let subject = (1...30).map { "word\($0)" }.joined(separator: " ")
        let field = HeaderText.unstructured("Subject", subject)
        let lines = field.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(try readFields([field]).header("Subject") == subject)
    }

    @Test func aWordTooLongForAnyLineIsStillFoldedUnder78Columns() throws {
        let subject = String(repeating: "abcdefghij", count: 120)
        let field = HeaderText.unstructured("Subject", subject)
        #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(decodeHeader(try readFields([field]).header("Subject") ?? "") == subject)
        let name = String(repeating: "Long, ", count: 30)
        let list = HeaderText.addressList("To", [MailAddress(displayName: name, address: "a@example.org")])
        #expect(list.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(decodeAddresses(try readFields([list]).header("To") ?? "").first?.name == name)
    }

    @Test func displayNamesAreQuotedOrEncodedAsNeeded() throws {
        let people = [
            MailAddress(displayName: "Lovelace, Ada", address: "ada@example.org"),
            MailAddress(displayName: "Zoë Ünal", address: "zoe@example.org"),
            MailAddress(address: "plain@example.org"),
            MailAddress(displayName: "Bob \"the builder\" B.", address: "bob@example.org"),
        ]
        let field = HeaderText.addressList("To", people)
        #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        let decoded = decodeAddresses(try readFields([field]).header("To") ?? "")
        #expect(decoded.map(\.name) == ["Lovelace, Ada", "Zoë Ünal", nil, "Bob \"the builder\" B."])
        #expect(decoded.map(\.address) == people.map(\.address))
    }

    @Test func manyRecipientsAreFoldedBetweenAddresses() throws {
        let people = (1...20).map { MailAddress(address: "person\($0)@example.org") }
        let field = HeaderText.addressList("Cc", people)
        #expect(field.components(separatedBy: "\r\n").count > 3)
        #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(decodeAddresses(try readFields([field]).header("Cc") ?? "").map(\.address) == people.map(\.address))
    }

    @Test func theHeaderSectionHasEveryFieldInOrderAndNoBcc() throws {
        var spec = sampleSpec()
        spec.cc = [MailAddress(address: "carol@example.org")]
        spec.bcc = [MailAddress(address: "eve@example.org")]
        spec.subject = "Grüße"
        let fields = try MessageHeaders.render(spec)
        let names = fields.map { String($0.prefix { $0 != ":" }) }
        #expect(names == ["Date", "From", "To", "Cc", "Subject", "Message-ID", "MIME-Version"])
        #expect(!fields.joined().contains("eve@example.org"))
        let read = try readFields(fields)
        #expect(read.header("Date") == "Wed, 02 Dec 2026 14:01:57 +0000")
        #expect(read.header("Message-ID") == "<1796220117.abc@example.org>")
        #expect(read.header("MIME-Version") == "1.0")
        #expect(decodeHeader(read.header("Subject") ?? "") == "Grüße")
        #expect(decodeAddresses(read.header("From") ?? "").first?.name == "Ada Lovelace")
    }

    @Test func mailOnlyToBlindCopiesStillHasATo() throws {
        var spec = sampleSpec()
        spec.to = []
        spec.bcc = [MailAddress(address: "eve@example.org")]
        let fields = try MessageHeaders.render(spec)
        #expect(fields.contains("To: undisclosed-recipients:;"))
        #expect(!fields.joined().contains("eve@"))
    }

    @Test(arguments: [
        ["--subject", "hi\r\nBcc: eve@example.org", "--body", "x"],
        ["--subject", "hi", "--body", "x", "--attach", "/nonexistent/lab04/file.pdf"],
        ["--subject", "hi", "--body", "x", "--cc", "not an address"],
    ])
    func badInputIsAUsageErrorAndNothingIsSent(_ extra: [String]) throws {
        let server = try FakeSMTPServer(respond: esmtp())
        let run = try LabProcess.run(
            "lab04-smtp",
            [
                "send", "--server", "\(server.address)", "--from", "ada@example.org", "--to", "bob@example.org",
            ] + extra)
        #expect(run.exitCode == 2, "\(run)")
        #expect(run.stderr.hasPrefix("error: "), "\(run)")
        #expect(server.log.connections == 0)
    }
}
