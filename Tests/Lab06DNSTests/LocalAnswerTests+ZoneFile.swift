import Lab06DNS
import NetLabKit
import NetLabSystem
import NetLabTesting
import Testing

/// A zone written the way BIND's own examples are: `$ORIGIN`, `$TTL`, `@`, relative names,
/// blank owners, and an SOA record over several lines.
let originZone = """
    ; a zone the way BIND writes them
    $ORIGIN lab.test.
    $TTL 600
    @   3600 IN SOA ns1 hostmaster (
            2024061501 ; serial
            7200       ; refresh
            900        ; retry
            1209600    ; expire
            120 )      ; minimum
        IN NS ns1
        MX 10 mail.lab.test.
    ns1 IN 60 A 10.1.0.53
    www A 10.1.0.80
        AAAA fd00::80
    $ORIGIN sub.lab.test.
    deep CNAME www.lab.test.
    api  A 10.1.0.81
    @    TXT "semi;colon" "(paren)"
    """

/// The SOA record of `originZone`.
let originSOA = ResourceRecord(
    name: name("lab.test"), ttl: 3600,
    data: .soa(
        SOAData(
            primary: name("ns1.lab.test"), mailbox: name("hostmaster.lab.test"), serial: 2_024_061_501, refresh: 7200,
            retry: 900, expire: 1_209_600, minimum: 120)))

extension LocalAnswerTests {
    @Test("a zone file with $ORIGIN, $TTL, @, relative names, blank owners and ( … ) is served as written")
    func zoneFileDirectives() throws {
        let records = try ZoneFile.parse(originZone)
        let expected = [
            originSOA,
            ResourceRecord(name: name("lab.test"), ttl: 600, data: .ns(name("ns1.lab.test"))),
            ResourceRecord(
                name: name("lab.test"), ttl: 600, data: .mx(preference: 10, exchange: name("mail.lab.test"))),
            record("ns1.lab.test", "10.1.0.53", ttl: 60),
            record("www.lab.test", "10.1.0.80", ttl: 600),
            record("www.lab.test", "fd00::80", ttl: 600),
            ResourceRecord(name: name("deep.sub.lab.test"), ttl: 600, data: .cname(name("www.lab.test"))),
            record("api.sub.lab.test", "10.1.0.81", ttl: 600),
            ResourceRecord(
                name: name("sub.lab.test"), ttl: 600, data: .txt([Array("semi;colon".utf8), Array("(paren)".utf8)])),
        ]
        #expect(records == expected)
        try withDNSServer(zone: originZone) { server throws in
            let www = try ask(server.dns, "www.lab.test", .aaaa)
            #expect(www.answers == [record("www.lab.test", "fd00::80", ttl: 600)])
            let deep = try ask(server.dns, "deep.sub.lab.test", .a)
            #expect(deep.answers.map(\.type) == [.cname, .a], "got \(deep.answers)")
            #expect(addresses(deep) == ["10.1.0.80"])
            let soa = try ask(server.dns, "lab.test", .soa)
            #expect(soa.answers == [originSOA], "the SOA's five numbers span five lines of the file")
        }
    }

    @Test("NXDOMAIN and NODATA carry the zone's SOA at its negative TTL in the authority section (RFC 2308 §3)")
    func negativeAnswersCarrySOA() throws {
        // The SOA has TTL 3600 and MINIMUM 120: a negative answer may be cached for the smaller.
        let negativeSOA = originSOA.with(ttl: 120)
        let resolver = DNSResolver(
            local: LocalRecords(records: try ZoneFile.parse(originZone)), cache: DNSCache(), forwarder: nil)
        // Without sockets: the resolver's reply, through the codec and back.
        for (owner, type, code) in [
            ("missing.lab.test", DNSRecordType.a, DNSResponseCode.nameError),
            ("missing.sub.lab.test", .aaaa, .nameError),
            ("www.lab.test", .mx, .noError),
        ] {
            let query = DNSMessage.query(id: 0x2308, name: name(owner), type: type)
            guard case .reply(let reply) = resolver.handle(query.encode()) else {
                Issue.record("\(owner) \(type): the resolver did not reply")
                continue
            }
            let answer = try DNSMessage.decode(reply.encode())
            #expect(answer.responseCode == code, "\(owner) \(type)")
            #expect(answer.header.isAuthoritative, "\(owner) \(type): the server owns lab.test")
            #expect(answer.answers.isEmpty, "\(owner) \(type)")
            #expect(answer.authorities == [negativeSOA], "\(owner) \(type)")
        }
        // Over a real socket.
        try withDNSServer(zone: originZone) { server throws in
            let missing = try ask(server.dns, "nope.lab.test", .a)
            #expect(missing.responseCode == .nameError)
            #expect(missing.answers.isEmpty)
            #expect(missing.authorities == [negativeSOA], "RFC 2308 §3: NXDOMAIN carries the SOA")
            let nodata = try ask(server.dns, "ns1.lab.test", .txt)
            #expect(nodata.responseCode == .noError, "ns1 exists, with no TXT record: NODATA, not NXDOMAIN")
            #expect(nodata.answers.isEmpty)
            #expect(nodata.authorities == [negativeSOA], "RFC 2308 §2.2: NODATA carries the SOA too")
        }
    }

    @Test("the handout's example zone loads; a missing --zone file, or a mistake in one, is a usage error")
    func exampleZoneAndMissingFile() throws {
        let zonePath = repositoryRoot + "/Handouts/examples/example.zone"
        let server = try LabProcess.launch(
            "lab06-dns", ["server", "--port", "0", "--admin-port", "0", "--zone", zonePath])
        defer { server.stop() }
        let udp = try server.waitForListening(scheme: "udp")
        let www = try ask(udp, "www.example.test", .a)
        #expect(addresses(www) == ["10.0.0.1"])
        let missing = try ask(udp, "nope.example.test", .a)
        #expect(missing.responseCode == .nameError)
        #expect(missing.authorities.map(\.type) == [.soa], "got \(missing.authorities)")
        let nowhere = "no-such-dir-\(getpid())/example.zone"
        let run = try LabProcess.run("lab06-dns", ["server", "--port", "0", "--admin-port", "0", "--zone", nowhere])
        #expect(run.exitCode == 2, "a zone file that is not there is a usage error: \(run)")
        let error = run.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(error.hasPrefix("error: ") && error.contains(nowhere), "the error names the file: \(run)")

        let broken = "/tmp/lab06-broken-\(getpid()).zone"
        try FileSystem.writeAtomically(Array("www.lab.test. A 10.0.0.1\nmail.lab.test. A 10.0.0\n".utf8), to: broken)
        defer { unlink(broken) }
        let bad = try LabProcess.run("lab06-dns", ["server", "--port", "0", "--admin-port", "0", "--zone", broken])
        #expect(bad.exitCode == 2, "a mistake in the zone file is a usage error, as a missing file is: \(bad)")
        let badLine = bad.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(
            badLine == "error: --zone: \(broken) line 2: bad A data '10.0.0'",
            "the error names the file, the line and the mistake: \(bad)")
    }
}

/// The repository's root folder, found from this file's place in it.
let repositoryRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/Lab06DNSTests/<this file>
    return parts.joined(separator: "/")
}()

extension LocalAnswerTests {
    /// Found by `make fuzz LAB=06` (target zone-file): a TXT string over 255 bytes was
    /// accepted, and then served as two strings, because the wire holds at most 255 per string.
    @Test("a TXT string of 255 bytes survives the wire; one of 256 is refused")
    func longTXTStrings() throws {
        let longest = [UInt8](repeating: 0x61, count: 255)
        let records = try ZoneFile.parse(String(decoding: Array("t.test. TXT ".utf8) + longest, as: UTF8.self))
        let message = DNSMessage(header: DNSHeader(id: 1, flags: 0x8400), answers: records)
        let decoded = try DNSMessage.decode(message.encode())
        #expect(decoded.answers == [ResourceRecord(name: name("t.test"), ttl: 300, data: .txt([longest]))])
        // The fuzzer's input, shortened: 256 bytes in one (unquoted) string.
        let tooLong = Array("x IN TXT ".utf8) + [UInt8](repeating: 0x61, count: 256)
        #expect(throws: ZoneFileError.self, "a 256-byte TXT string") {
            try ZoneFile.parse(String(decoding: tooLong, as: UTF8.self))
        }
    }
}
