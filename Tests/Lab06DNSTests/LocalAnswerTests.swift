import Foundation
import Lab06DNS
import NetLabKit
import NetLabTesting
import Testing

@Suite("Part 3: local answers")
struct LocalAnswerTests {
    @Test("a --record name is answered authoritatively, echoing the ID and the question")
    func recordAnswered() throws {
        try withDNSServer(records: [("app.netlab", "127.0.0.1")], ttl: 120) { server throws in
            let answer = try ask(server.dns, "app.netlab", id: 0xCAFE)
            #expect(answer.header.id == 0xCAFE)
            #expect(answer.header.isResponse)
            #expect(answer.header.isAuthoritative, "local names are answered with AA set")
            #expect(answer.header.recursionDesired, "RD is copied from the query")
            #expect(answer.responseCode == .noError)
            #expect(answer.questions == [DNSQuestion(name: name("app.netlab"), type: .a)])
            #expect(answer.answers == [record("app.netlab", "127.0.0.1", ttl: 120)])
        }
    }

    @Test("an IPv6 --record is an AAAA record, and asking it for A gets NOERROR with no answers")
    func ipv6Record() throws {
        try withDNSServer(records: [("six.netlab", "fd00::6")]) { server throws in
            let aaaa = try ask(server.dns, "six.netlab", .aaaa)
            #expect(addresses(aaaa) == ["fd00::6"])
            #expect(aaaa.answers.first?.type == .aaaa)
            let a = try ask(server.dns, "six.netlab", .a)
            #expect(a.responseCode == .noError, "the name exists, with another type: NOERROR, not NXDOMAIN")
            #expect(a.answers.isEmpty)
            #expect(a.header.isAuthoritative)
        }
    }

    @Test("every zone-file type is answered: A, AAAA, MX, TXT, NS and SOA")
    func zoneTypes() throws {
        try withDNSServer(zone: sampleZone) { server throws in
            let a = try ask(server.dns, "www.example.test", .a).answers
            #expect(a == [record("www.example.test", "10.0.0.1", ttl: 120)], "www.example.test A")
            let aaaa = try ask(server.dns, "www.example.test", .aaaa)
            #expect(addresses(aaaa) == ["fd00::1"], "www.example.test AAAA")
            let mx = try ask(server.dns, "example.test", .mx).answers.map(\.data)
            #expect(mx == [.mx(preference: 10, exchange: name("mail.example.test"))], "example.test MX")
            let txt = try ask(server.dns, "example.test", .txt).answers.map(\.data)
            #expect(txt == [.txt([Array("hello world".utf8), Array("second string".utf8)])], "example.test TXT")
            let ns = try ask(server.dns, "example.test", .ns).answers.map(\.data)
            #expect(ns == [.ns(name("ns1.example.test"))], "example.test NS")
            let soa = try ask(server.dns, "example.test", .soa).answers
            #expect(soa.count == 1)
            if case .soa(let fields) = soa.first?.data {
                #expect(fields.serial == 2024)
                #expect(fields.minimum == 60)
            } else {
                Issue.record("expected an SOA record, got \(soa)")
            }
        }
    }

    @Test("a CNAME is answered, followed by the address it leads to")
    func cnameChain() throws {
        try withDNSServer(zone: sampleZone) { server throws in
            let answer = try ask(server.dns, "alias.example.test", .a)
            #expect(answer.answers.map(\.type) == [.cname, .a])
            #expect(answer.answers.first?.data == .cname(name("www.example.test")))
            #expect(addresses(answer) == ["10.0.0.1"])
            let cname = try ask(server.dns, "alias.example.test", .cname)
            #expect(cname.answers.map(\.type) == [.cname], "asking for the CNAME itself gets just the CNAME")
        }
    }

    @Test("a missing name inside a local zone gets NXDOMAIN with the zone's SOA")
    func nameError() throws {
        try withDNSServer(zone: sampleZone) { server throws in
            let answer = try ask(server.dns, "nope.example.test", .a)
            #expect(answer.responseCode == .nameError)
            #expect(answer.header.isAuthoritative)
            #expect(answer.answers.isEmpty)
            #expect(answer.authorities.map(\.type) == [.soa], "RFC 2308: the SOA goes in the authority section")
            let nodata = try ask(server.dns, "mail.example.test", .mx)
            #expect(nodata.responseCode == .noError)
            #expect(nodata.answers.isEmpty)
            #expect(nodata.authorities.map(\.type) == [.soa])
        }
    }

    @Test("names match without regard to case, and the question comes back as it was asked")
    func caseInsensitiveLookup() throws {
        try withDNSServer(records: [("app.netlab", "10.1.1.1")]) { server throws in
            let answer = try ask(server.dns, "APP.NetLab", .a)
            #expect(addresses(answer) == ["10.1.1.1"])
            #expect(answer.questions.first?.name.description == "APP.NetLab.")
        }
    }

    @Test("with --upstream none, a name outside the local data is REFUSED")
    func refusedWithoutUpstream() throws {
        try withDNSServer(records: [("app.netlab", "10.1.1.1")]) { server throws in
            let answer = try ask(server.dns, "www.elsewhere.test", .a)
            #expect(answer.responseCode == .refused)
            #expect(!answer.header.recursionAvailable, "RA stays clear when there is no upstream")
            let local = try ask(server.dns, "app.netlab")
            #expect(addresses(local) == ["10.1.1.1"], "app.netlab A, a --record name")
        }
    }

    @Test("every line of a zone file is served, and a bad line is reported with its number")
    func zoneFileParsing() throws {
        let records = try ZoneFile.parse(sampleZone)
        #expect(records.count == 8)
        try withDNSServer(zone: sampleZone) { server throws in
            let mail = try ask(server.dns, "mail.example.test").answers
            #expect(mail == [record("mail.example.test", "10.0.0.25")], "mail.example.test A (the zone's $TTL 300)")
            let www = try ask(server.dns, "www.example.test").answers
            #expect(www == [record("www.example.test", "10.0.0.1", ttl: 120)], "www.example.test A (its own TTL 120)")
        }
        #expect(throws: ZoneFileError(line: 2, message: "bad A data '10.0.0'")) {
            try ZoneFile.parse("ok.test. A 10.0.0.1\nbad.test. A 10.0.0")
        }
        // A record over several lines is reported by the line it starts on.
        let mistakes: [(String, Int, String)] = [
            ("$ORIGIN lab.test.\n@ SOA ns1 admin (\n 1 2 3\n 4 x )", 2, "bad SOA data 'ns1 admin 1 2 3 4 x'"),
            ("$ORIGIN lab.test.\n\n@ SOA ns1 admin ( 1 2 3\n 4 5", 3, "'(' is never closed by ')'"),
            ("www.lab.test. A 10.0.0.1 )", 1, "')' without '('"),
            ("$TTL 300\n$INCLUDE other.zone", 2, "$INCLUDE is not supported: copy the included records into this file"),
            ("; hi\n$GENERATE 1-9 host$ A 10.0.0.$", 2, "unknown directive '$GENERATE' (use $ORIGIN or $TTL)"),
            ("$ORIGIN", 1, "write $ORIGIN <name>, such as $ORIGIN example.test."),
            ("www.lab.test. CH A 10.0.0.1", 1, "class CH is not supported: only IN"),
        ]
        for (text, line, message) in mistakes {
            #expect(throws: ZoneFileError(line: line, message: message), "\(text)") { try ZoneFile.parse(text) }
        }
    }

    @Test("the binary announces UDP, TCP and admin, and `query` prints dig's layout")
    func binaryAndQueryCommand() throws {
        let server = try LabProcess.launch(
            "lab06-dns", ["server", "--port", "0", "--admin-port", "0", "--record", "app.netlab=127.0.0.1"])
        defer { server.stop() }
        let udp = try server.waitForListening(scheme: "udp")
        let tcp = try server.waitForListening(scheme: "tcp")
        let admin = try server.waitForListening(scheme: "udp", role: "admin")
        #expect(tcp.port == udp.port, "DNS over TCP listens on the same port as UDP")
        #expect(admin.port != udp.port)
        let run = try LabProcess.run("lab06-dns", ["query", "app.netlab", "--port", "\(udp.port)"])
        #expect(run.exitCode == 0, "\(run)")
        let lines = run.stdoutLines
        #expect(lines.contains { $0.hasPrefix(";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ") }, "\(run)")
        #expect(
            lines.contains { $0.hasPrefix(";; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0") },
            "\(run)")
        #expect(lines.contains(";; QUESTION SECTION:"))
        #expect(lines.contains(";app.netlab.\t\tIN\tA"))
        #expect(lines.contains(";; ANSWER SECTION:"))
        #expect(lines.contains("app.netlab.\t300\tIN\tA\t127.0.0.1"))
        #expect(lines.contains { $0.hasPrefix(";; Query time: ") && $0.hasSuffix(" msec") })
    }

    @Test("`query` for a missing name prints NXDOMAIN; a server that never answers exits 1")
    func queryCommandFailures() throws {
        let zone = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lab06-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).zone")
        try sampleZone.write(to: zone, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: zone) }
        let server = try LabProcess.launch(
            "lab06-dns", ["server", "--port", "0", "--admin-port", "0", "--zone", zone.path])
        defer { server.stop() }
        let udp = try server.waitForListening(scheme: "udp")
        let missing = try LabProcess.run(
            "lab06-dns", ["query", "nope.example.test", "--port", "\(udp.port)", "--type", "MX"])
        #expect(missing.stdout.contains("status: NXDOMAIN"), "\(missing)")
        #expect(missing.stdout.contains(";; AUTHORITY SECTION:"), "\(missing)")
        let silent = try testUDPSocket()
        let nobody = try LabProcess.run(
            "lab06-dns", ["query", "app.netlab", "--port", "\(try silent.localAddress().port)", "--timeout", "0.3"])
        #expect(nobody.exitCode == 1, "no answer is a runtime failure: \(nobody)")
    }

    @Test("a CNAME chain is followed for at most 8 links, so a CNAME loop ends")
    func cnameLimit() throws {
        // c1 → c2 → … → c9, which has the address; and two names that point at each other.
        let chain = (1...8).map { "c\($0).chain.test. CNAME c\($0 + 1).chain.test." }.joined(separator: "\n")
        let zone =
            chain + "\nc9.chain.test. A 10.0.0.9\nloop1.chain.test. CNAME loop2.chain.test.\n"
            + "loop2.chain.test. CNAME loop1.chain.test.\ndangling.chain.test. CNAME nowhere.chain.test."
        try withDNSServer(zone: zone) { server throws in
            let seven = try ask(server.dns, "c2.chain.test", .a)
            #expect(seven.answers.map(\.type) == Array(repeating: .cname, count: 7) + [.a], "c2: 7 links, then the A")
            #expect(addresses(seven) == ["10.0.0.9"], "c2.chain.test A")
            let eight = try ask(server.dns, "c1.chain.test", .a)
            #expect(eight.answers.map(\.type) == Array(repeating: .cname, count: 8), "c1: 8 links, and no more")
            let dangling = try ask(server.dns, "dangling.chain.test", .a)
            let danglingCNAME = ResourceRecord(
                name: name("dangling.chain.test"), ttl: 300, data: .cname(name("nowhere.chain.test")))
            #expect(dangling.answers == [danglingCNAME], "dangling: a CNAME to a name that has no records")
            let loop = try ask(server.dns, "loop1.chain.test", .a)
            #expect(loop.answers.map(\.type) == Array(repeating: .cname, count: 8), "loop1 ↔ loop2: cut after 8")
        }
    }

    @Test("every type's data is printed as dig prints it")
    func digDataText() {
        let soa = SOAData(
            primary: name("ns1.example.test"), mailbox: name("admin.example.test"), serial: 1, refresh: 3600,
            retry: 600,
            expire: 86400, minimum: 60)
        let cases: [(RecordData, String)] = [
            (.a([10, 0, 0, 1]), "10.0.0.1"),
            (.aaaa(IPAddressText.parse("fd00::1")!), "fd00::1"),
            (.cname(name("www.example.test")), "www.example.test."),
            (.ns(name("ns1.example.test")), "ns1.example.test."),
            (.mx(preference: 10, exchange: name("mail.example.test")), "10 mail.example.test."),
            (.txt([Array("hello world".utf8), Array(#"say "hi""#.utf8)]), #""hello world" "say \"hi\"""#),
            (.soa(soa), "ns1.example.test. admin.example.test. 1 3600 600 86400 60"),
            (.unknown([0x0A, 0xFF, 0x00]), "\\# 3 0AFF00"),
        ]
        for (data, expected) in cases {
            let text = DigFormatter.dataText(data)
            #expect(text == expected, "\(data)")
        }
        let line = DigFormatter.recordLine(record("www.example.test", "10.0.0.1", ttl: 300))
        #expect(line == "www.example.test.\t300\tIN\tA\t10.0.0.1")
    }

    @Test("`DigFormatter.format` prints every flag, the OPT pseudosection and each section as dig does")
    func digLayout() throws {
        let header = DNSHeader(
            id: 4242, isResponse: true, isAuthoritative: true, isTruncated: true, recursionDesired: true,
            recursionAvailable: true, authenticData: true, checkingDisabled: true, responseCode: 3)
        let soa = ResourceRecord(
            name: name("example.test"), ttl: 60,
            data: .soa(
                SOAData(
                    primary: name("ns1.example.test"), mailbox: name("admin.example.test"), serial: 1, refresh: 3600,
                    retry: 600, expire: 86400, minimum: 60)))
        let message = DNSMessage(
            header: header, questions: [DNSQuestion(name: name("www.example.test"), type: .a)],
            answers: [record("www.example.test", "10.0.0.1")], authorities: [soa],
            additionals: [
                record("mail.example.test", "10.0.0.25"), EDNSInfo(udpPayloadSize: 1232, dnssecOK: true).record,
            ])
        let result = DNSQueryResult(
            message: message, milliseconds: 1.6, size: 123, overTCP: true,
            server: try SocketAddress(ip: "127.0.0.1", port: 5353))
        let lines = DigFormatter.format(result).split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        let expected = [
            ";; Got answer:",
            ";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 4242",
            ";; flags: qr aa tc rd ra ad cd; QUERY: 1, ANSWER: 1, AUTHORITY: 1, ADDITIONAL: 2",
            "",
            ";; OPT PSEUDOSECTION:",
            "; EDNS: version: 0, flags: do; udp: 1232",
            ";; QUESTION SECTION:",
            ";www.example.test.\t\tIN\tA",
            "",
            ";; ANSWER SECTION:",
            "www.example.test.\t300\tIN\tA\t10.0.0.1",
            "",
            ";; AUTHORITY SECTION:",
            "example.test.\t60\tIN\tSOA\tns1.example.test. admin.example.test. 1 3600 600 86400 60",
            "",
            ";; ADDITIONAL SECTION:",
            "mail.example.test.\t300\tIN\tA\t10.0.0.25",
            "",
            ";; Query time: 2 msec",
            ";; SERVER: 127.0.0.1#5353(127.0.0.1) (TCP)",
            ";; MSG SIZE  rcvd: 123",
        ]
        for (index, line) in expected.enumerated() {
            let came = index < lines.count ? lines[index] : "(no line)"
            #expect(came == line, "line \(index + 1) of the report")
        }
        #expect(lines.count == expected.count, "the whole report:\n\(lines.joined(separator: "\n"))")
    }
}
