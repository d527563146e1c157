/// Part 2: the app server puts its name in lab 06's DNS at start and takes it out on a
/// clean stop; a DNS server that does not answer is reported and the app still serves.
import Lab09Capstone
import NetLabKit
import NetLabTesting
import Testing

@Suite("DNS registration", .serialized)
struct RegistrationTests {
    @Test("Registering and unregistering through the admin channel is seen by DNS queries")
    func library() throws {
        let services = try Services()
        defer { services.stop() }
        try DNSRegistration.register("lib.home", ip: "127.0.0.7", admin: services.admin)
        let registered = try services.lookup("lib.home")
        #expect(registered == ["127.0.0.7"])
        try DNSRegistration.unregister("lib.home", admin: services.admin)
        let after = try services.lookup("lib.home")
        #expect(after.isEmpty, "still answers \(after)")
        #expect(throws: RegistrationError.self) {
            try DNSRegistration.register("bad name!", ip: "127.0.0.7", admin: services.admin)
        }
    }

    @Test("An admin reply is read whatever line ending it has, and a refusal says what came")
    func adminReplies() throws {
        for ending in ["", "\n", "\r\n", " \r\n"] {
            let admin = try FakeUDPPeer { _, sender, socket in try? socket.send(Array("OK\(ending)".utf8), to: sender) }
            defer { admin.stop() }
            #expect(throws: Never.self, "the reply OK\(ending.debugDescription)") {
                try DNSRegistration.register("lib.home", ip: "127.0.0.7", admin: admin.address)
            }
        }
        let refusing = try FakeUDPPeer { _, sender, socket in
            try? socket.send(Array("ERR no such zone\r\n".utf8), to: sender)
        }
        defer { refusing.stop() }
        do {
            try DNSRegistration.unregister("lib.home", admin: refusing.address)
            Issue.record("the reply ERR no such zone was taken for OK")
        } catch RegistrationError.refused(_, let reply) {
            #expect(reply == "ERR no such zone")
        }
    }

    @Test("The app server registers its name at start and unregisters it on SIGTERM and SIGINT")
    func startAndStop() throws {
        let services = try Services()
        defer { services.stop() }
        let root = try Fixture.appFolder()
        defer { Fixture.remove(root) }
        for (domain, stop) in [("my-app.home", "SIGTERM"), ("other.home", "SIGINT")] {
            let server = try AppServerProcess(
                root: root, extra: ["--dns", "\(services.admin)", "--domain", domain, "--register-as", "127.0.0.9"])
            defer { server.stop() }
            let line = server.process.waitForLine { $0.hasPrefix("registered") }
            try requireImplemented(server.process.stderr)
            #expect(line != nil, "no 'registered' line: \(server.process.stdout) \(server.process.stderr)")
            let answer = try services.lookup(domain)
            #expect(answer == ["127.0.0.9"], "\(domain) before the stop")
            if stop == "SIGTERM" { server.process.terminate() } else { server.process.interrupt() }
            let code = server.process.waitForExit(timeout: 10)
            #expect(code == 0, "exit after \(stop): \(server.process.stderr)")
            let after = try services.lookup(domain)
            #expect(after.isEmpty, "\(domain) after \(stop): \(after)")
        }
    }

    @Test("A DNS server that does not answer is reported, and the app still serves")
    func silentDNS() throws {
        let silent = try FakeUDPPeer { _, _, _ in }
        defer { silent.stop() }
        let root = try Fixture.appFolder()
        defer { Fixture.remove(root) }
        let server = try AppServerProcess(root: root, extra: ["--dns", "\(silent.address)"])
        defer { server.stop() }
        let warning = server.process.waitForLine(on: .standardError, timeout: 10) { $0.contains("dns") }
        try requireImplemented(server.process.stderr)
        #expect(warning?.contains("no answer") == true, "stderr: \(server.process.stderr)")
        #expect(warning?.contains("\(silent.address)") == true, "stderr: \(server.process.stderr)")
        let home = try RawResponse.get("/", from: server.http)
        #expect(home.status == 200, "\(home)")
    }
}
