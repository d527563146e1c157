import Lab06DNS
import NetLabKit
import NetLabTesting
import Testing

@Suite("Part 4: the admin channel")
struct AdminChannelTests {
    @Test("REGISTER answers OK and the name resolves at once, authoritatively")
    func registerResolves() throws {
        try withDNSServer { server throws in
            let registered = try adminCommand("REGISTER app.netlab 10.0.0.7", to: server.admin)
            #expect(registered == "OK", "REGISTER app.netlab 10.0.0.7")
            let answer = try ask(server.dns, "app.netlab")
            #expect(addresses(answer) == ["10.0.0.7"])
            #expect(answer.header.isAuthoritative)
        }
    }

    @Test("registering again moves the name, and an IPv6 address adds an AAAA record")
    func registerAgain() throws {
        try withDNSServer { server throws in
            for command in [
                "REGISTER app.netlab 10.0.0.7", "register app.netlab 10.0.0.8\n", "REGISTER app.netlab fd00::8",
            ] {
                let reply = try adminCommand(command, to: server.admin)
                #expect(reply == "OK", "'\(command)': commands ignore case and a final newline")
            }
            let a = try ask(server.dns, "app.netlab", .a)
            #expect(addresses(a) == ["10.0.0.8"], "app.netlab A, registered at 10.0.0.7 then 10.0.0.8")
            let aaaa = try ask(server.dns, "app.netlab", .aaaa)
            #expect(addresses(aaaa) == ["fd00::8"], "app.netlab AAAA, registered at fd00::8")
        }
    }

    @Test("UNREGISTER removes a name; unregistering an unknown name is an ERROR")
    func unregister() throws {
        try withDNSServer(zone: sampleZone) { server throws in
            let registered = try adminCommand("REGISTER gone.example.test 10.0.0.9", to: server.admin)
            #expect(registered == "OK", "REGISTER gone.example.test 10.0.0.9")
            let before = try ask(server.dns, "gone.example.test")
            #expect(addresses(before) == ["10.0.0.9"], "gone.example.test A, once registered")
            let unregistered = try adminCommand("UNREGISTER gone.example.test", to: server.admin)
            #expect(unregistered == "OK", "UNREGISTER gone.example.test")
            let after = try ask(server.dns, "gone.example.test")
            #expect(
                after.responseCode == .nameError, "gone.example.test A, once unregistered, in the zone example.test")
            let answer = try adminCommand("UNREGISTER never.example.test", to: server.admin)
            let reply = try #require(answer, "no reply to UNREGISTER never.example.test")
            #expect(reply.hasPrefix("ERROR "), "got \(reply)")
        }
    }

    @Test("LIST shows every local record, one per line, after OK and the count")
    func list() throws {
        try withDNSServer(records: [("b.netlab", "10.0.0.2")]) { server throws in
            let registered = try adminCommand("REGISTER a.netlab 10.0.0.1", to: server.admin)
            #expect(registered == "OK", "REGISTER a.netlab 10.0.0.1")
            let listed = try adminCommand("LIST", to: server.admin)
            let reply = try #require(listed, "no reply to LIST")
            let lines = reply.split(separator: "\n").map(String.init)
            #expect(lines.first == "OK 2", "got \(reply)")
            #expect(
                lines.dropFirst().contains { $0.hasPrefix("a.netlab.") && $0.hasSuffix("10.0.0.1") }, "got \(reply)")
            #expect(
                lines.dropFirst().contains { $0.hasPrefix("b.netlab.") && $0.hasSuffix("10.0.0.2") }, "got \(reply)")
        }
    }

    @Test("LIST past one datagram's worth says how many of how many it shows, and shows that many")
    func listTooBigForOneDatagram() throws {
        let total = 3000  // about 37 bytes a line: some 110 KB, far more than one datagram holds.
        try withDNSServer { server throws in
            for index in 0..<total {
                server.server.records.register(
                    name: name("host\(index).netlab"), ip: "10.0.\(index / 250).\(index % 250 + 1)")
            }
            // Listing 3000 records takes a while on a busy machine: wait longer than for one line.
            let listed = try adminCommand("LIST", to: server.admin, timeout: 10)
            let reply = try #require(listed, "no reply to LIST within 10 s")
            let lines = reply.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let shown = lines.count - 1
            #expect(lines.first == "OK \(shown) of \(total)", "the first line must count the lines that follow")
            #expect(shown > 0 && shown < total, "\(shown) of \(total) lines came")
            #expect(reply.utf8.count <= AdminChannel.replyLimit, "a \(reply.utf8.count)-byte reply")
            // A line is under 40 bytes: a reply that stops much earlier left out lines that fit.
            #expect(reply.utf8.count > AdminChannel.replyLimit - 40, "a \(reply.utf8.count)-byte reply: room was left")
            let records = Set(lines.dropFirst())
            #expect(records.count == shown, "every line is a different record")
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("host") && $0.contains(".netlab. 300 IN A 10.0.") })
        }
    }

    @Test("bad commands get ERROR with a reason, and change nothing")
    func badCommands() throws {
        try withDNSServer { server throws in
            for command in [
                "HELLO", "", "REGISTER", "REGISTER x.netlab", "REGISTER x.netlab 999.1.1.1",
                "REGISTER x..netlab 10.0.0.1",
                "UNREGISTER", "LIST extra",
            ] {
                let answer = try adminCommand(command, to: server.admin)
                let reply = try #require(answer, "no reply to '\(command)'")
                #expect(reply.hasPrefix("ERROR ") && reply.count > 7, "'\(command)' got '\(reply)'")
            }
            let list = try adminCommand("LIST", to: server.admin)
            #expect(list == "OK 0", "LIST after only bad commands")
        }
    }

    @Test("commands from a non-loopback address are refused")
    func loopbackOnly() throws {
        let records = LocalRecords()
        let channel = AdminChannel(records: records)
        let outsider = try SocketAddress(ip: "192.0.2.7", port: 40_000)
        let reply = channel.handle(Array("REGISTER evil.netlab 10.6.6.6".utf8), from: outsider)
        #expect(reply.hasPrefix("ERROR "), "got \(reply)")
        #expect(records.lookup(DNSQuestion(name: name("evil.netlab"), type: .a)) == .notLocal)
        let local = try SocketAddress(ip: "127.0.0.1", port: 40_000)
        #expect(channel.handle(Array("REGISTER good.netlab 10.0.0.1".utf8), from: local) == "OK")
        #expect(
            records.lookup(DNSQuestion(name: name("good.netlab"), type: .a))
                == .answer([record("good.netlab", "10.0.0.1")]))
    }

    @Test("with --admin-token, only commands that start with TOKEN <token> are accepted, from anywhere")
    func token() throws {
        let records = LocalRecords()
        let channel = AdminChannel(records: records, token: "s3cret")
        let outsider = try SocketAddress(ip: "192.0.2.7", port: 40_000)
        let local = try SocketAddress(ip: "127.0.0.1", port: 40_000)
        #expect(channel.handle(Array("REGISTER a.netlab 10.0.0.1".utf8), from: local).hasPrefix("ERROR "), "no token")
        #expect(
            channel.handle(Array("TOKEN wrong REGISTER a.netlab 10.0.0.1".utf8), from: local).hasPrefix("ERROR "),
            "wrong token")
        #expect(channel.handle(Array("TOKEN s3cret REGISTER a.netlab 10.0.0.1".utf8), from: outsider) == "OK")
        #expect(
            records.lookup(DNSQuestion(name: name("a.netlab"), type: .a)) == .answer([record("a.netlab", "10.0.0.1")]))
        try withDNSServer(token: "s3cret") { server throws in
            let without = try adminCommand("REGISTER b.netlab 10.0.0.2", to: server.admin)
            #expect(
                without?.hasPrefix("ERROR ") == true,
                "REGISTER b.netlab 10.0.0.2 without the token got \(String(describing: without))")
            let with = try adminCommand("TOKEN s3cret REGISTER b.netlab 10.0.0.2", to: server.admin)
            #expect(with == "OK", "TOKEN s3cret REGISTER b.netlab 10.0.0.2")
            let answer = try ask(server.dns, "b.netlab")
            #expect(addresses(answer) == ["10.0.0.2"], "b.netlab A, registered with the token")
        }
    }

    @Test("`lab06-dns register` and `list` talk to the admin port")
    func registerCommand() throws {
        let server = try LabProcess.launch("lab06-dns", ["server", "--port", "0", "--admin-port", "0"])
        defer { server.stop() }
        let udp = try server.waitForListening(scheme: "udp")
        let admin = try server.waitForListening(scheme: "udp", role: "admin")
        let register = try LabProcess.run(
            "lab06-dns", ["register", "app.netlab", "127.0.0.5", "--admin-port", "\(admin.port)"])
        #expect(register.exitCode == 0, "\(register)")
        #expect(register.stdoutLines == ["OK"], "\(register)")
        let answer = try ask(udp, "app.netlab")
        #expect(addresses(answer) == ["127.0.0.5"], "app.netlab A, after `lab06-dns register app.netlab 127.0.0.5`")
        let list = try LabProcess.run("lab06-dns", ["list", "--admin-port", "\(admin.port)"])
        #expect(list.stdoutLines.first == "OK 1", "\(list)")
        let bad = try LabProcess.run(
            "lab06-dns", ["register", "app.netlab", "not-an-ip", "--admin-port", "\(admin.port)"])
        #expect(bad.exitCode == 1, "an ERROR reply is a failure: \(bad)")
    }
}
