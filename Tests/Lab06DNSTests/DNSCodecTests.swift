import Lab06DNS
import NetLabKit
import Testing

@Suite("Part 1: the codec")
struct DNSCodecTests {
    /// www.example.com, IN A, ID 0x1234, RD set: the bytes any resolver sends.
    static let query = hex("1234 0100 0001 0000 0000 0000  03 777777 07 6578616d706c65 03 636f6d 00  0001 0001")

    @Test("a query encodes to exactly the bytes of RFC 1035's layout")
    func queryBytes() {
        let message = DNSMessage.query(id: 0x1234, name: name("www.example.com"), type: .a)
        #expect(message.encode() == Self.query, "header (12 bytes), then 3www7example3com0, then QTYPE 1 and QCLASS 1")
    }

    @Test("a response's header flags, question and answer decode from known bytes")
    func decodeKnownResponse() throws {
        // QR RD RA, one question, one answer whose name is a pointer (C0 0C) to the question's.
        let bytes =
            Self.query.prefix(2) + hex("8180 0001 0001 0000 0000") + Self.query.dropFirst(12)
            + hex("c00c 0001 0001 00000e10 0004 5db8d822")
        let message = try DNSMessage.decode(Array(bytes))
        #expect(message.header.id == 0x1234)
        #expect(message.header.isResponse && message.header.recursionDesired && message.header.recursionAvailable)
        #expect(!message.header.isAuthoritative && !message.header.isTruncated)
        #expect(message.responseCode == .noError)
        #expect(message.questions == [DNSQuestion(name: name("www.example.com"), type: .a)])
        #expect(
            message.answers == [ResourceRecord(name: name("www.example.com"), ttl: 3600, data: .a([93, 184, 216, 34]))])
    }

    @Test("every header flag and the response code survive a round trip")
    func headerFlags() throws {
        let header = DNSHeader(
            id: 0xBEEF, isResponse: true, opcode: .status, isAuthoritative: true, isTruncated: true,
            recursionDesired: true,
            recursionAvailable: true, authenticData: true, checkingDisabled: true, responseCode: 3)
        let bytes = DNSMessage(header: header).encode()
        #expect(bytes == hex("beef 97b3 0000 0000 0000 0000"), "QR=1 opcode=2 AA TC RD | RA AD CD rcode=3")
        let decoded = try DNSMessage.decode(bytes)
        #expect(decoded.header == header, "decoding \(bytes.hexText)")
    }

    static let allTypes: [ResourceRecord] = [
        ResourceRecord(name: name("a.test"), ttl: 60, data: .a([192, 0, 2, 1])),
        ResourceRecord(name: name("a.test"), ttl: 60, data: .aaaa(IPAddressText.parse("2001:db8::1")!)),
        ResourceRecord(name: name("alias.test"), ttl: 60, data: .cname(name("a.test"))),
        ResourceRecord(name: name("test"), ttl: 60, data: .ns(name("ns1.test"))),
        ResourceRecord(name: name("test"), ttl: 60, data: .mx(preference: 10, exchange: name("mail.test"))),
        ResourceRecord(
            name: name("test"), ttl: 60, data: .txt([Array("hello world".utf8), [], Array("v=spf1 -all".utf8)])),
        ResourceRecord(
            name: name("test"), ttl: 60,
            data: .soa(
                SOAData(
                    primary: name("ns1.test"), mailbox: name("admin.test"), serial: 2024_01_01, refresh: 3600,
                    retry: 600,
                    expire: 86400, minimum: 30))),
        ResourceRecord(name: name("odd.test"), type: DNSRecordType(rawValue: 99), ttl: 7, data: .unknown([1, 2, 3])),
    ]

    @Test("A, AAAA, CNAME, NS, MX, TXT, SOA and unknown records round-trip through encode and decode")
    func everyTypeRoundTrips() throws {
        var message = DNSMessage(header: DNSHeader(id: 7, isResponse: true))
        message.questions = [DNSQuestion(name: name("test"), type: .any)]
        message.answers = Array(Self.allTypes.prefix(4))
        message.authorities = [Self.allTypes[6]]
        message.additionals = [Self.allTypes[4], Self.allTypes[5], Self.allTypes[7]]
        let decoded = try DNSMessage.decode(message.encode())
        #expect(decoded == message)
    }

    @Test("repeated names are compressed into pointers, in owners and in MX data")
    func compression() throws {
        var message = DNSMessage(header: DNSHeader(id: 1, isResponse: true))
        message.questions = [DNSQuestion(name: name("www.example.com"), type: .a)]
        message.answers = [
            ResourceRecord(name: name("www.example.com"), ttl: 60, data: .a([10, 0, 0, 1])),
            ResourceRecord(
                name: name("example.com"), ttl: 60, data: .mx(preference: 10, exchange: name("mail.example.com"))),
        ]
        let bytes = message.encode()
        let expected =
            hex("0001 8000 0001 0002 0000 0000")
            + hex("03 777777 07 6578616d706c65 03 636f6d 00 0001 0001")  // question at offset 12
            + hex("c00c 0001 0001 0000003c 0004 0a000001")  // owner: pointer to offset 12
            + hex("c010 000f 0001 0000003c 0009 000a 04 6d61696c c010")  // example.com is at offset 16
        #expect(bytes == expected, "owner names and the MX exchange should end in pointers (C0 0C, C0 10)")
        let decoded = try DNSMessage.decode(bytes)
        #expect(decoded == message, "decoding \(bytes.hexText)")
    }

    @Test("names compare without regard to case but keep the case they were written in")
    func caseInsensitiveNames() throws {
        #expect(name("WWW.Example.COM") == name("www.example.com"))
        #expect(Set([name("A.test"), name("a.TEST")]).count == 1)
        let bytes = DNSMessage.query(id: 1, name: name("WwW.Example.com"), type: .a).encode()
        #expect(Array(bytes.dropFirst(12).prefix(4)) == [3] + Array("WwW".utf8), "the label is sent as it was written")
        let decoded = try DNSMessage.decode(bytes)
        #expect(decoded.questions.map(\.name.description) == ["WwW.Example.com."], "decoding \(bytes.hexText)")
    }

    @Test("names from text become length-prefixed labels; labels over 63 bytes and names over 255 are refused")
    func namesFromText() {
        let root = DNSMessage.query(id: 0, name: .root, type: .ns).encode()
        #expect(Array(root.dropFirst(12)) == hex("00 0002 0001"), "the root name is the single zero byte")
        #expect(DNSName("example.com")?.description == "example.com.")
        #expect(DNSName("example.com.") == DNSName("example.com"))
        #expect(DNSName(".")?.labels.isEmpty == true)
        #expect(DNSName("a..b") == nil)
        #expect(DNSName(String(repeating: "x", count: 63) + ".test") != nil)
        #expect(DNSName(String(repeating: "x", count: 64) + ".test") == nil)
        let long = Array(repeating: String(repeating: "y", count: 63), count: 4).joined(separator: ".")
        #expect(DNSName(long) == nil, "four labels of 63 bytes take 257 bytes on the wire, over the 255 limit")
    }

    @Test("dig's query with an EDNS OPT record and a cookie decodes, and the OPT fields are read")
    func optRecord() throws {
        let bytes =
            hex("abcd 0120 0001 0000 0000 0001 07 6578616d706c65 03 636f6d 00 0001 0001")
            + hex("00 0029 04d0 00008000 000c 000a 0008 0102030405060708")
        let message = try DNSMessage.decode(bytes)
        let edns = try #require(message.edns, "the OPT record is in the additional section")
        #expect(edns.udpPayloadSize == 1232)
        #expect(edns.version == 0)
        #expect(edns.dnssecOK)
        #expect(edns.options == [EDNSOption(code: 10, data: [1, 2, 3, 4, 5, 6, 7, 8])])
        #expect(message.encode() == bytes, "re-encoding gives the same bytes")
    }

    @Test("TXT text over 255 bytes is split into several character-strings")
    func longText() throws {
        let text = [UInt8](repeating: UInt8(ascii: "t"), count: 300)
        var message = DNSMessage(header: DNSHeader(id: 2, isResponse: true))
        message.answers = [ResourceRecord(name: name("t.test"), ttl: 1, data: .txt([text]))]
        let decoded = try DNSMessage.decode(message.encode())
        #expect(decoded.answers.first?.data == .txt([Array(text[0..<255]), Array(text[255...])]))
    }

    @Test("a message too big for its limit keeps the question, drops the records and sets TC")
    func truncation() throws {
        var message = DNSMessage(header: DNSHeader(id: 3, isResponse: true))
        message.questions = [DNSQuestion(name: name("big.test"), type: .a)]
        message.answers = (1...60).map {
            ResourceRecord(name: name("big.test"), ttl: 60, data: .a([10, 0, 0, UInt8($0)]))
        }
        let opt = EDNSInfo(udpPayloadSize: 1232).record
        message.additionals = [record("ns.big.test", "10.0.0.53"), opt]
        #expect(message.encode().count > 512)
        let cut = message.encode(fittingIn: 512)
        #expect(cut.count <= 512)
        let decoded = try DNSMessage.decode(cut)
        #expect(decoded.header.isTruncated)
        #expect(decoded.questions == message.questions)
        #expect(decoded.answers.isEmpty)
        #expect(decoded.additionals == [opt], "only the OPT record stays: it says how much the asker can take")
        #expect(message.encode(fittingIn: 65_535) == message.encode(), "a message that fits is not touched")
    }

    @Test("a message past 16 KB round-trips: a pointer's 14 bits reach only the first 16383 bytes")
    func messageOver16K() throws {
        var message = DNSMessage(header: DNSHeader(id: 4, isResponse: true))
        message.questions = [DNSQuestion(name: name("big.test"), type: .any)]
        // Each name twice in a row, so names written past 16 KB are repeated too.
        message.answers = (0..<300).flatMap { index -> [ResourceRecord] in
            let owner = name("host\(index).big.test")
            return [
                ResourceRecord(name: owner, ttl: 60, data: .txt([[UInt8](repeating: 0x61, count: 40)])),
                ResourceRecord(name: owner, ttl: 60, data: .a([10, 0, UInt8(index / 250), UInt8(index % 250)])),
            ]
        }
        let bytes = message.encode()
        #expect(bytes.count > 0x4000, "the message should be longer than 16383 bytes: \(bytes.count)")
        let decoded = try DNSMessage.decode(bytes)
        let wrong = zip(decoded.answers, message.answers).filter { $0 != $1 }.prefix(2)
        #expect(decoded == message, "\(bytes.count) bytes; first records that came back wrong: \(Array(wrong))")
    }
}
