// Part 5: bodies and attachments. Every composed message is read back by the tests' own
// MIME reader and compared with what was asked, byte for byte.
import Foundation
import Lab04SMTP
import NetLabKit
import NetLabTesting
import Testing

/// Composes a spec with a seeded generator and reads the result back.
func composeAndRead(_ spec: MessageSpec, seed: UInt64 = 4) throws -> (wire: [UInt8], message: ReadPart) {
    var random = SeededRandom(seed: seed)
    let wire = try MessageComposer.compose(spec, using: &random)
    return (wire, try readMessage(wire))
}

/// The wire rules every composed message keeps: CRLF only, no line over 998 octets.
func expectWireRules(_ wire: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    let (lines, bare) = wireLines(wire)
    #expect(bare == 0, "bare CR or LF in the message", sourceLocation: sourceLocation)
    #expect(lines.allSatisfy { $0.utf8.count <= 998 }, sourceLocation: sourceLocation)
    #expect(wire.allSatisfy { $0 < 0x80 }, "the message must be 7-bit", sourceLocation: sourceLocation)
    #expect(wire.suffix(2) == [0x0D, 0x0A], sourceLocation: sourceLocation)
}

@Suite struct MIMETests {
    @Test func quotedPrintableEncodesWhatMustBeEncoded() {
        #expect(QuotedPrintable.encode(Array("a=b".utf8)) == "a=3Db")
        #expect(QuotedPrintable.encode(Array("café".utf8)) == "caf=C3=A9")
        #expect(QuotedPrintable.encode(Array("trailing \nend\t".utf8)) == "trailing=20\r\nend=09")
        #expect(QuotedPrintable.encode(Array("one\ntwo\n".utf8)) == "one\r\ntwo\r\n")
        // CRLF is one line end; a CR alone, even the last byte, is one too.
        #expect(QuotedPrintable.encode(Array("one\r\n\r\ntwo\r".utf8)) == "one\r\n\r\ntwo\r\n")
    }

    @Test func quotedPrintableUsesTheWholeLineBeforeASoftBreak() {
        let encoded = QuotedPrintable.encode(Array(String(repeating: "a", count: 200).utf8))
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.first == String(repeating: "a", count: 75) + "=")
        #expect(lines.joined().replacingOccurrences(of: "=", with: "") == String(repeating: "a", count: 200))
    }

    @Test func quotedPrintableBreaksLongLinesSoftly() {
        let text = String(repeating: "é and more ", count: 40)
        let encoded = QuotedPrintable.encode(Array(text.utf8))
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 }, "\(lines.map(\.count))")
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        #expect(decodeQuotedPrintable(encoded) == Array(text.utf8))
    }

    @Test(arguments: [
        ("report.pdf", "application/pdf"), ("PHOTO.JPG", "image/jpeg"), ("notes.txt", "text/plain"),
        ("page.html", "text/html"), ("data.csv", "text/csv"), ("pic.png", "image/png"),
        ("archive.zip", "application/zip"), ("mystery.xyz", "application/octet-stream"),
        ("Makefile", "application/octet-stream"), (".hidden", "application/octet-stream"),
    ])
    func theContentTypeComesFromTheExtension(_ name: String, _ type: String) {
        #expect(MediaTypes.type(forFilename: name) == type)
    }

    @Test func aTextOnlyMessageIsOneUtf8Part() throws {
        var spec = sampleSpec()
        spec.text = "Grüße,\nthe lab.\n.a line with a dot\n"
        let (wire, message) = try composeAndRead(spec)
        expectWireRules(wire)
        #expect(message.mediaType == "text/plain")
        #expect(message.parameter("charset", of: "Content-Type")?.lowercased() == "utf-8")
        #expect(message.header("Content-Transfer-Encoding")?.lowercased() == "quoted-printable")
        #expect(message.text == "Grüße,\r\nthe lab.\r\n.a line with a dot\r\n")
    }

    @Test func textThatIsMostlyNotLatinIsBase64BecauseItIsShorter() throws {
        let part = MIMEBody.textPart(String(repeating: "日本語のテキスト", count: 20), subtype: "plain")
        #expect(part.headers.contains("Content-Transfer-Encoding: base64"))
        let latin = MIMEBody.textPart("Plain words with one é.", subtype: "plain")
        #expect(latin.headers.contains("Content-Transfer-Encoding: quoted-printable"))
    }

    @Test func htmlMakesMultipartAlternative() throws {
        var spec = sampleSpec()
        spec.html = "<p>Hi <b>Bob</b> — ünïcode</p>\n"
        let (wire, message) = try composeAndRead(spec)
        expectWireRules(wire)
        #expect(message.mediaType == "multipart/alternative")
        #expect(message.parts.map(\.mediaType) == ["text/plain", "text/html"])
        #expect(message.parts.last?.text == "<p>Hi <b>Bob</b> — ünïcode</p>\r\n")
        #expect(message.parts.first?.text == "Hi Bob.\r\n")
    }

    /// The files of the attachment tests: binary, a dot line, no final newline, 1 MB, a non-ASCII name.
    static func files(seed: UInt64) -> [Lab04SMTP.Attachment] {
        var random = SeededRandom(seed: seed)
        let binary = (0..<5_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let big = (0..<1_048_576).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        return [
            Lab04SMTP.Attachment(filename: "noise.bin", bytes: binary),
            Lab04SMTP.Attachment(filename: "dots.txt", bytes: Array(".\n.starts with a dot\r\n..\n".utf8)),
            Lab04SMTP.Attachment(filename: "no-newline.csv", bytes: Array("a,b\n1,2".utf8)),
            Lab04SMTP.Attachment(filename: "big.png", bytes: big),
            Lab04SMTP.Attachment(filename: "résumé 日本語 \"quoted\".pdf", bytes: Array("%PDF-1.4\n".utf8)),
        ]
    }

    @Test func attachmentsArriveByteForByteWithTheirNamesAndTypes() throws {
        let seed: UInt64 = 2026
        var spec = sampleSpec()
        spec.html = "<p>see attached</p>"
        spec.attachments = Self.files(seed: seed)
        let (wire, message) = try composeAndRead(spec, seed: seed)
        expectWireRules(wire)
        #expect(message.mediaType == "multipart/mixed", "seed \(seed)")
        #expect(message.parts.first?.mediaType == "multipart/alternative")
        let files = Array(message.parts.dropFirst())
        #expect(files.count == spec.attachments.count)
        for (part, attachment) in zip(files, spec.attachments) {
            #expect(part.parameter("filename", of: "Content-Disposition") == attachment.filename)
            #expect(part.header("Content-Disposition")?.lowercased().hasPrefix("attachment") == true)
            #expect(part.header("Content-Disposition")?.hasSuffix(";") == false)
            #expect(part.mediaType == MediaTypes.type(forFilename: attachment.filename))
            #expect(part.header("Content-Transfer-Encoding")?.lowercased() == "base64")
            #expect(part.rawBody.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
            #expect(part.body == attachment.bytes, "\(attachment.filename), seed \(seed)")
        }
    }

    @Test func boundariesAppearOnlyAsDelimiters() throws {
        var spec = sampleSpec()
        spec.html = "<p>x</p>"
        spec.attachments = [Lab04SMTP.Attachment(filename: "a.txt", bytes: Array("--\n--=_\n".utf8))]
        let (wire, message) = try composeAndRead(spec)
        let outer = try #require(message.parameter("boundary", of: "Content-Type"))
        let inner = try #require(message.parts.first?.parameter("boundary", of: "Content-Type"))
        #expect(outer != inner)
        let lines = wireLines(wire).lines
        #expect(lines.filter { $0.contains(outer) }.count == 1 + 2 + 1)  // Content-Type, two parts, the close.
        #expect(lines.filter { $0.contains(inner) }.count == 1 + 2 + 1)
    }

    @Test func theComposeCommandWritesTheMessageWithoutBcc() throws {
        let run = try LabProcess.run(
            "lab04-smtp",
            [
                "compose", "--from", "Ada <ada@example.org>", "--to", "bob@example.org", "--bcc", "eve@example.org",
                "--subject", "Grüße", "--body", "Hello",
            ])
        #expect(run.exitCode == 0, "\(run)")
        let wire = Array(run.stdout.utf8)
        expectWireRules(wire)
        let message = try readMessage(wire)
        #expect(decodeHeader(message.header("Subject") ?? "") == "Grüße")
        #expect(message.header("Bcc") == nil)
        #expect(!run.stdout.contains("eve@example.org"))
        // The message must end with CRLF; with one text part, that CRLF is the body's last line end.
        #expect(message.text == "Hello\r\n")
    }
}
