// Part 6: logging in with AUTH PLAIN and AUTH LOGIN, never showing the password.
import Foundation
import Lab04SMTP
import NetLabKit
import NetLabTesting
import Testing

@Suite struct AuthTests {
    let credentials = Credentials(user: "ada", password: "s3cret!")

    func options(_ transcript: Transcript) -> SMTPClientOptions {
        SMTPClientOptions(timeout: 10, credentials: credentials, transcript: transcript.sink)
    }

    @Test func plainSendsUserAndPasswordInOneBase64Response() {
        #expect(SMTPSession.plainResponse(Credentials(user: "ada", password: "secret")) == "AGFkYQBzZWNyZXQ=")
    }

    @Test func plainIsUsedWhenOfferedAndThePasswordIsMasked() throws {
        let ehlo = ["250-fake.test", "250 AUTH LOGIN PLAIN"]
        let server = try FakeSMTPServer(
            respond: esmtp(ehlo: ehlo) { $0.hasPrefix("AUTH PLAIN") ? .reply(["235 2.7.0 OK"]) : nil })
        let transcript = Transcript()
        #expect(failure(of: deliver(smallMessage, server: server.address, options: options(transcript))) == nil)
        let log = server.waitForCommands { $0.commands.last == "QUIT" }
        #expect(Array(log.commands.dropFirst().prefix(1)) == ["AUTH PLAIN " + SMTPSession.plainResponse(credentials)])
        #expect(log.commands.dropFirst(2).first?.hasPrefix("MAIL FROM:") == true)
        let shown = transcript.lines.joined(separator: "\n")
        #expect(shown.contains("AUTH PLAIN"))
        #expect(!shown.contains(SMTPSession.plainResponse(credentials)) && !shown.contains("s3cret"))
    }

    @Test func loginIsUsedWhenOnlyItIsOffered() throws {
        let ehlo = ["250-fake.test", "250 AUTH LOGIN"]
        let user = Base64.encode(Array("ada".utf8))
        let password = Base64.encode(Array("s3cret!".utf8))
        let server = try FakeSMTPServer(
            respond: esmtp(ehlo: ehlo) { line in
                switch line {
                case "AUTH LOGIN": return .reply(["334 VXNlcm5hbWU6"])
                case user: return .reply(["334 UGFzc3dvcmQ6"])
                case password: return .reply(["235 2.7.0 OK"])
                default: return nil
                }
            })
        let transcript = Transcript()
        #expect(failure(of: deliver(smallMessage, server: server.address, options: options(transcript))) == nil)
        let log = server.waitForCommands { $0.commands.last == "QUIT" }
        #expect(Array(log.commands.dropFirst().prefix(3)) == ["AUTH LOGIN", user, password])
        #expect(!transcript.lines.contains { $0.contains(password) })
    }

    @Test func refusedCredentialsEndTheDialogueAndQuitIsSent() throws {
        let server = try FakeSMTPServer(
            respond: esmtp(ehlo: ["250-fake.test", "250 AUTH PLAIN"]) {
                $0.hasPrefix("AUTH") ? .reply(["535 5.7.8 Authentication credentials invalid"]) : nil
            })
        let error = failure(of: deliver(smallMessage, server: server.address, options: options(Transcript())))
        guard case .unexpectedReply(let state, _, let reply) = error as? SMTPError else {
            Issue.record("expected unexpectedReply, got \(String(describing: error))")
            return
        }
        #expect(state == .authPlain)
        #expect(reply.enhancedStatus == "5.7.8")
        #expect(!"\(error!)".contains("s3cret"))
        let log = server.waitForCommands { $0.commands.last == "QUIT" }
        #expect(!log.commands.contains { $0.hasPrefix("MAIL") })
    }

    @Test func noAuthOfferedMeansNoPasswordIsSent() throws {
        let server = try FakeSMTPServer(respond: esmtp())
        let error = failure(of: deliver(smallMessage, server: server.address, options: options(Transcript())))
        #expect(error as? SMTPError == .authenticationUnavailable(offered: []))
        let log = server.waitForCommands { $0.commands.last == "QUIT" }
        #expect(log.commands == ["EHLO localhost", "QUIT"])
    }

    @Test func theSinkWithAuthTakesTheRightPasswordOnly() throws {
        let sink = try LabProcess.launch("lab04-smtp", ["sink", "--port", "0", "--auth", "ada:s3cret!"])
        let address = try sink.waitForListening(scheme: "tcp")
        #expect(failure(of: deliver(smallMessage, server: address, options: options(Transcript()))) == nil)
        var wrong = options(Transcript())
        wrong.credentials = Credentials(user: "ada", password: "guess")
        let refused = failure(of: deliver(smallMessage, server: address, options: wrong))
        #expect((refused as? SMTPError).map { "\($0)" }?.contains("535") == true)
        let anonymous = failure(of: deliver(smallMessage, server: address))
        #expect((anonymous as? SMTPError).map { "\($0)" }?.contains("530") == true)
        #expect(sink.waitForLine(timeout: 10) { $0.hasPrefix("message 1 ") } != nil)
    }
}
