import Lab01Ping
import NetLabKit
import Testing

@Suite("Part 1: ping messages")
struct PingMessageTests {
    @Test("a ping encodes as 'Ping <seq> <timestamp>' in ASCII")
    func encodesTheTextFormat() throws {
        let bytes = PingMessage(kind: .ping, sequence: 7, timestamp: 1_732_190_000.25).encode()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "Ping 7 1732190000.250000", "PingMessage(kind: .ping, sequence: 7, timestamp: 1732190000.25)")
    }

    @Test("a heartbeat encodes with the keyword 'Heartbeat'")
    func encodesHeartbeats() throws {
        let bytes = PingMessage(kind: .heartbeat, sequence: 3, timestamp: 12.5).encode()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "Heartbeat 3 12.500000", "PingMessage(kind: .heartbeat, sequence: 3, timestamp: 12.5)")
    }

    @Test("decoding what was encoded gives the same message back", arguments: [0, 1, 42, 999_999])
    func roundTrips(sequence: Int) throws {
        let message = PingMessage(kind: .ping, sequence: sequence, timestamp: 1_732_190_000.125)
        let bytes = message.encode()
        let decoded = try PingMessage.decode(bytes)
        #expect(decoded == message, "decoding '\(String(decoding: bytes, as: UTF8.self))'")
    }

    @Test(
        "the server's capitalised echo still decodes (the keyword's case is ignored)",
        arguments: [
            ("PING 12 1732190000.5", PingMessage(kind: .ping, sequence: 12, timestamp: 1_732_190_000.5)),
            ("HEARTBEAT 2 1.0", PingMessage(kind: .heartbeat, sequence: 2, timestamp: 1)),
            ("pInG 3 4.25", PingMessage(kind: .ping, sequence: 3, timestamp: 4.25)),
        ])
    func decodesCapitalisedEcho(text: String, expected: PingMessage) throws {
        let message = try PingMessage.decode(Array(text.utf8))
        #expect(message == expected, "decoding '\(text)'")
    }

    @Test(
        "sequence 0 and timestamp 0 are allowed, and so is a message of exactly 128 bytes",
        arguments: [
            ("Ping 0 0", PingMessage(kind: .ping, sequence: 0, timestamp: 0)),
            ("Ping 5 0.5", PingMessage(kind: .ping, sequence: 5, timestamp: 0.5)),
            ("Ping 1 1." + String(repeating: "0", count: 119), PingMessage(kind: .ping, sequence: 1, timestamp: 1)),
        ])
    func acceptsTheEdges(text: String, expected: PingMessage) throws {
        let message = try PingMessage.decode(Array(text.utf8))
        #expect(message == expected, "decoding '\(shown(text))'")
    }

    static let malformed: [(String, [UInt8])] = [
        ("empty datagram", []),
        ("one word", Array("Ping".utf8)),
        ("two words", Array("Ping 1".utf8)),
        ("four words", Array("Ping 1 2 3".utf8)),
        ("unknown keyword", Array("Pong 1 2.0".utf8)),
        ("sequence not a number", Array("Ping one 2.0".utf8)),
        ("negative sequence", Array("Ping -1 2.0".utf8)),
        ("timestamp not a number", Array("Ping 1 noon".utf8)),
        ("timestamp not finite", Array("Ping 1 inf".utf8)),
        ("negative timestamp", Array("Ping 1 -0.5".utf8)),
        ("double space", Array("Ping  1 2.0".utf8)),
        ("trailing newline", Array("Ping 1 2.0\n".utf8)),
        ("not ASCII", [0x50, 0x69, 0x6E, 0x67, 0x20, 0xFF, 0x20, 0x31]),
        ("NUL byte", Array("Ping 1 2.0".utf8) + [0]),
        ("129 bytes, otherwise a good ping", Array(("Ping 1 1." + String(repeating: "0", count: 120)).utf8)),
        ("far too long", Array("Ping 1 ".utf8) + [UInt8](repeating: 0x31, count: 5000)),
    ]

    @Test("malformed datagrams are rejected with PingMessageError", arguments: malformed)
    func rejectsMalformed(label: String, bytes: [UInt8]) {
        let text = shown(String(decoding: bytes, as: UTF8.self))
        #expect(throws: PingMessageError.self, "\(label) ('\(text)', \(bytes.count) bytes) should be rejected") {
            try PingMessage.decode(bytes)
        }
    }
}
