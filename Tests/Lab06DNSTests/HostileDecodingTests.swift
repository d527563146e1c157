import Lab06DNS
import NetLabKit
import Testing

/// Packets that lie about their own lengths. Each must be refused with its own error, never
/// crash or hang the decoder.
@Suite("Part 2: hostile packets")
struct HostileDecodingTests {
    /// A query header with QDCOUNT 1 and the other counts 0.
    static let oneQuestion = hex("0001 0000 0001 0000 0000 0000")
    /// Type A, class IN.
    static let typeAClassIN = hex("0001 0001")

    @Test("fewer than 12 bytes is a truncated header")
    func truncatedHeader() {
        for length in [0, 1, 11] {
            let bytes = Array(Self.oneQuestion.prefix(length))
            #expect(decodeError(bytes) == .truncatedHeader(length: length), "a \(length)-byte packet")
        }
    }

    @Test("a compression pointer that points at itself is a loop")
    func selfPointer() {
        #expect(decodeError(Self.oneQuestion + hex("c00c") + Self.typeAClassIN) == .pointerLoop(offset: 12))
    }

    @Test("a pointer back to a label of the same name (a.a.a.a… forever) is a loop")
    func labelLoop() {
        #expect(decodeError(Self.oneQuestion + hex("01 61 c00c") + Self.typeAClassIN) == .pointerLoop(offset: 14))
    }

    @Test("a compression pointer that points forward is refused")
    func forwardPointer() {
        // The question's name points to offset 18, after itself, where a name does lie.
        let bytes = Self.oneQuestion + hex("c012") + Self.typeAClassIN + hex("01 61 00")
        #expect(decodeError(bytes) == .pointerForward(offset: 12, target: 18))
    }

    @Test("a compression pointer past the end of the packet or into the header is out of range")
    func pointerOutOfRange() {
        #expect(
            decodeError(Self.oneQuestion + hex("c0ff") + Self.typeAClassIN)
                == .pointerOutOfRange(offset: 12, target: 255))
        #expect(
            decodeError(Self.oneQuestion + hex("c002") + Self.typeAClassIN) == .pointerOutOfRange(offset: 12, target: 2)
        )
        // 18 is the packet's length: one byte past its last.
        #expect(
            decodeError(Self.oneQuestion + hex("c012") + Self.typeAClassIN)
                == .pointerOutOfRange(offset: 12, target: 18))
    }

    @Test("a label length over 63 is refused")
    func labelTooLong() {
        let label = [UInt8](repeating: 0x61, count: 64)
        #expect(
            decodeError(Self.oneQuestion + [64] + label + [0] + Self.typeAClassIN)
                == .labelTooLong(offset: 12, length: 64))
        #expect(
            decodeError(Self.oneQuestion + [0x80] + label + [0] + Self.typeAClassIN)
                == .labelTooLong(offset: 12, length: 128))
    }

    /// A name with labels of these lengths, uncompressed.
    static func wireName(_ lengths: [Int]) -> [UInt8] {
        lengths.flatMap { [UInt8($0)] + [UInt8](repeating: 0x78, count: $0) } + [0]
    }

    @Test("a name of 255 bytes is fine and one of 256 is too long")
    func nameLength() throws {
        let longest = Self.oneQuestion + Self.wireName([63, 63, 63, 61]) + Self.typeAClassIN
        let decoded = try DNSMessage.decode(longest)
        #expect(decoded.questions.map(\.name.wireLength) == [255], "labels of 63, 63, 63 and 61 bytes")
        let tooLong = Self.oneQuestion + Self.wireName([63, 63, 63, 62]) + Self.typeAClassIN
        #expect(decodeError(tooLong) == .nameTooLong(offset: 12))
    }

    @Test("a name made too long through a compression pointer is refused")
    func nameTooLongThroughPointer() {
        // The question holds 193 bytes of name; the answer adds a 62-byte label and points to it.
        let header = hex("0001 8000 0001 0001 0000 0000")
        let question = Self.wireName([63, 63, 63]) + Self.typeAClassIN
        let answerName = [62] + [UInt8](repeating: 0x79, count: 62) + hex("c00c")
        let bytes = header + question + answerName + hex("0001 0001 0000003c 0004 0a000001")
        #expect(decodeError(bytes) == .nameTooLong(offset: 12 + question.count))
    }

    @Test("counts that promise more records than the packet holds are refused")
    func countsLie() throws {
        let good = DNSMessage(
            header: DNSHeader(id: 9, isResponse: true), questions: [DNSQuestion(name: name("a.test"), type: .a)],
            answers: [record("a.test", "10.0.0.1")]
        ).encode()
        let decoded = try DNSMessage.decode(good)
        #expect(decoded.answers.count == 1, "decoding \(good.hexText)")
        var twoAnswers = good
        twoAnswers[7] = 2
        #expect(decodeError(twoAnswers) == .countsExceedPacket(section: "answer", promised: 2))
        var manyAnswers = good
        manyAnswers[6] = 0xFF
        manyAnswers[7] = 0xFF
        #expect(decodeError(manyAnswers) == .countsExceedPacket(section: "answer", promised: 65_535))
        // Room for a second question by the cheap count, but the packet ends after the first.
        let twoQuestions = hex("0009 0100 0002 0000 0000 0000 01 61 04 74657374 00 0001 0001")
        #expect(
            decodeError(twoQuestions) == .countsExceedPacket(section: "question", promised: 2),
            "\(twoQuestions.hexText)")
        // Two answers need at least 22 bytes (11 each, with a root owner): 21 are refused before reading any.
        let shortOfRecords = hex("0001 8000 0000 0002 0000 0000  00 0001 0001 0000003c 0004 0a000001  00 0001 0001 00")
        #expect(
            decodeError(shortOfRecords) == .countsExceedPacket(section: "answer", promised: 2),
            "\(shortOfRecords.hexText)")
        // Two questions need at least 10 bytes (5 each, with a root name): 9 are refused before reading any.
        let shortOfQuestions = hex("0001 0000 0002 0000 0000 0000  00 0001 0001  00 0001 00")
        #expect(
            decodeError(shortOfQuestions) == .countsExceedPacket(section: "question", promised: 2),
            "\(shortOfQuestions.hexText)")
        var manyQuestions = good
        manyQuestions[4] = 0x10
        #expect(decodeError(manyQuestions) == .countsExceedPacket(section: "question", promised: 0x1001))
    }

    @Test("bytes after the last record are trailing garbage")
    func trailingGarbage() {
        let query = DNSMessage.query(id: 1, name: name("a.test"), type: .a).encode()
        #expect(decodeError(query + [0xDE, 0xAD]) == .trailingBytes(count: 2))
    }

    @Test("a field cut off by the end of the packet is truncated")
    func truncatedField() {
        // The question's class is missing.
        #expect(decodeError(Self.oneQuestion + hex("01 61 00 0001")) == .truncated(offset: 17))
        // An answer's name without its zero byte: the packet ends just where it should be.
        let noRoot = hex("0001 8000 0000 0001 0000 0000 0a 61616161616161616161")
        #expect(decodeError(noRoot) == .truncated(offset: 23), "\(noRoot.hexText)")
    }

    @Test("record data that disagrees with RDLENGTH is refused")
    func badRecordData() {
        let header = hex("0001 8000 0000 0001 0000 0000")
        // An A record with 3 bytes of address.
        let shortA = header + hex("01 61 00 0001 0001 0000003c 0003 0a0000")
        #expect(decodeError(shortA) == .badRecordData(type: .a, offset: 25))
        // A CNAME whose name runs past its 2 bytes of RDATA.
        let longName = header + hex("01 61 00 0005 0001 0000003c 0002 01 62 00")
        #expect(decodeError(longName) == .badRecordData(type: .cname, offset: 25))
        // A TXT string of 5 bytes in 3 bytes of RDATA, and an AAAA record of 4 bytes: the
        // error names where the data starts, whatever inside it went wrong.
        let longString = header + hex("01 61 00 0010 0001 0000003c 0003 05 6869")
        #expect(decodeError(longString) == .badRecordData(type: .txt, offset: 25), "\(longString.hexText)")
        let shortAAAA = header + hex("01 61 00 001c 0001 0000003c 0004 0a000001")
        #expect(decodeError(shortAAAA) == .badRecordData(type: .aaaa, offset: 25), "\(shortAAAA.hexText)")
        // RDLENGTH 16 with only 4 bytes left in the packet.
        let pastEnd = header + hex("01 61 00 0001 0001 0000003c 0010 0a000001")
        #expect(decodeError(pastEnd) == .truncated(offset: 25))
    }

    @Test("thousands of randomly damaged packets never crash the decoder, and what decodes re-encodes faithfully")
    func fuzz() throws {
        let seed = SeededRandom.freshSeed()
        var random = SeededRandom(seed: seed)
        var original = DNSMessage(header: DNSHeader(id: 0x0B0B, isResponse: true, recursionDesired: true))
        original.questions = [DNSQuestion(name: name("www.example.test"), type: .a)]
        original.answers = DNSCodecTests.allTypes
        original.additionals = [EDNSInfo(options: [EDNSOption(code: 10, data: [1, 2, 3, 4, 5, 6, 7, 8])]).record]
        let bytes = original.encode()
        let undamaged = try DNSMessage.decode(bytes)
        #expect(undamaged == original, "the undamaged packet must decode (seed \(seed))")
        var decoded = 0
        for _ in 0..<3000 {
            var damaged = bytes
            for _ in 0...Int(random.next() % 3) {
                let index = Int(random.next() % UInt64(damaged.count))
                damaged[index] = UInt8(truncatingIfNeeded: random.next())
            }
            if random.chance(0.2) { damaged.removeLast(Int(random.next() % UInt64(damaged.count))) }
            guard let message = try? DNSMessage.decode(damaged) else { continue }
            decoded += 1
            let again = try? DNSMessage.decode(message.encode())
            #expect(again == message, "a decoded packet must survive encode and decode; replay with seed \(seed)")
            if again != message { return }
        }
        #expect(decoded > 0, "some damaged packets (a changed TTL or address) still decode (seed \(seed))")
    }
}
