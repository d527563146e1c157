import Lab07Framing
import NetLabKit
import Testing

@Suite struct SessionHandshakeTests {
    @Test("a DATA message has the handout's bytes: type, sequence, CRC-32, payload")
    func messageBytes() throws {
        let body = try SessionMessage(.data, sequence: 7, payload: Array("hi".utf8)).encode()
        // The CRC covers the length (11), type, sequence, a zeroed checksum and the payload:
        // python3 -c "import zlib; print(hex(zlib.crc32(bytes([0,0,0,11,4,0,0,0,7,0,0,0,0]) + b'hi')))"
        #expect(body == [0x04, 0, 0, 0, 7, 0x4A, 0x75, 0xD2, 0xB6] + Array("hi".utf8))
        let framed = try FrameCodec(.binary).encode(body)
        #expect(Array(framed.prefix(4)) == [0, 0, 0, 11], "the length counts the bytes after it")
    }

    @Test("every kind of message decodes to itself, and its checksum is the CRC-32 of header and payload")
    func roundTrip() throws {
        for kind in SessionMessage.Kind.allCases {
            let message = SessionMessage(
                kind, sequence: 0xDEAD_BEEF, payload: Fixture.payload(seed: UInt64(kind.rawValue), count: 40))
            let body = try message.encode()
            let decoded = try SessionMessage.decode(body)
            #expect(decoded == message)
            var zeroed = [0, 0, 0, UInt8(body.count)] + body
            zeroed.replaceSubrange(9..<13, with: [0, 0, 0, 0])
            let crc = Fixture.crc32(zeroed)
            #expect(
                Array(body[5..<9]) == [
                    UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF),
                ])
        }
    }

    @Test("a flipped bit anywhere in a message is a bad checksum naming the sequence number")
    func flippedBits() throws {
        let body = try SessionMessage(.data, sequence: 42, payload: Array("payload".utf8)).encode()
        for index in body.indices where !(1..<5).contains(index) {
            var damaged = body
            damaged[index] ^= 0x04
            #expect(throws: SessionError.badChecksum(sequence: 42), "bit flipped in byte \(index)") {
                try SessionMessage.decode(damaged)
            }
        }
        #expect(throws: SessionError.self, "shorter than a header") { try SessionMessage.decode([4, 0, 0, 0]) }
    }

    static func syn(mode: UInt8 = 2, packet: UInt32 = 4_096, window: UInt16 = 32, version: UInt8 = 1) -> SynRequest {
        SynRequest(mode: mode, maximumPacket: packet, window: window, clientID: "alice", version: version)
    }

    @Test("negotiation takes the smaller packet size and window; step mode has a window of 1")
    func negotiation() throws {
        var limits = SessionServerOptions()
        limits.maximumPacket = 1_024
        limits.window = 8
        limits.keepAlive = 2.5
        let burst = try Negotiation.answer(Self.syn(), limits: limits, sessionID: 99)
        #expect(
            burst
                == SynAckReply(
                    status: 0, sessionID: 99, maximumPacket: 1_024, mode: 2, window: 8, keepAliveMilliseconds: 2_500))
        let small = try Negotiation.answer(Self.syn(packet: 100, window: 3), limits: limits, sessionID: 1)
        #expect(small.maximumPacket == 100 && small.window == 3)
        let step = try Negotiation.answer(Self.syn(mode: 1, window: 50), limits: limits, sessionID: 1)
        #expect(step.window == 1 && step.mode == 1)
        let smallest = try Negotiation.answer(Self.syn(packet: 16), limits: limits, sessionID: 1)
        #expect(smallest.status == SynAckReply.accepted && smallest.maximumPacket == 16, "16 bytes is allowed")
    }

    @Test("an unknown mode, another version, a tiny packet or a zero burst window is refused with a reason")
    func refusals() throws {
        let limits = SessionServerOptions()
        for syn in [Self.syn(mode: 9), Self.syn(version: 2), Self.syn(packet: 8), Self.syn(window: 0)] {
            let reply = try Negotiation.answer(syn, limits: limits, sessionID: 5)
            #expect(reply.status == SynAckReply.refused, "\(syn)")
            #expect(!reply.reason.isEmpty, "a refusal says why")
        }
    }

    @Test("a client and the server agree on the session; every session gets its own unpredictable ID")
    func handshake() throws {
        let fixture = try SessionServerFixture(
            SessionServerFixture.quiet {
                $0.maximumPacket = 512; $0.window = 4
            })
        defer { fixture.close() }
        var options = SessionClientOptions(mode: .burst)
        options.maximumPacket = 2_048
        options.window = 16
        var ids: Set<UInt64> = []
        for _ in 0..<3 {
            let client = try SessionClient.connect(to: fixture.address, options: options)
            defer { client.close() }
            let parameters = client.parameters
            #expect(parameters.mode == .burst && parameters.maximumPacket == 512 && parameters.window == 4)
            ids.insert(parameters.sessionID)
        }
        #expect(ids.count == 3 && !ids.contains(0), "three sessions, three IDs: \(ids)")
        let sessions = fixture.sessions(atLeast: 3)
        #expect(Set(sessions.compactMap { $0.parameters?.sessionID }) == ids, "the server has the same IDs")
    }

    @Test("a refused SYN gets a SYN-ACK with an error status and a reason, and the client throws it")
    func refusedHandshake() throws {
        let fixture = try SessionServerFixture()
        defer { fixture.close() }
        let peer = try RawPeer(connectingTo: fixture.address)
        defer { peer.close() }
        try peer.send(SessionMessage(.syn, payload: Self.syn(mode: 7).encode()))
        let answer = try #require(try peer.next())
        let reply = try SynAckReply.decode(answer.payload)
        #expect(
            answer.kind == .synAck && reply.status == SynAckReply.refused && reply.reason.contains("mode"), "\(reply)")
        var options = SessionClientOptions(mode: .step)
        options.maximumPacket = 4
        #expect(throws: SessionError.self) { try SessionClient.connect(to: fixture.address, options: options) }
        do {
            _ = try SessionClient.connect(to: fixture.address, options: options)
        } catch SessionError.refused(let reason) {
            #expect(reason.contains("16"), "the reason names the smallest size: \(reason)")
        }
    }

    @Test("the client sends the handshake's ACK with the session ID")
    func clientAck() throws {
        let server = try RawServer()
        defer { server.close() }
        let peer = Outcome<SessionMessage?>.start {
            let peer = try RawPeer(server.listener.accept())
            defer { peer.close() }
            let syn = try #require(try peer.next())
            let request = try SynRequest.decode(syn.payload)
            #expect(request == SynRequest(mode: 1, maximumPacket: 300, window: 8, clientID: "bob"))
            try peer.send(
                SessionMessage(.synAck, payload: RawServer.accepting(window: 1, packet: 200, mode: .step).encode()))
            return try peer.next()
        }
        var options = SessionClientOptions(mode: .step)
        options.maximumPacket = 300
        options.clientID = "bob"
        let client = try SessionClient.connect(to: server.address, options: options)
        defer { client.close() }
        #expect(client.parameters.maximumPacket == 200 && client.parameters.mode == .step)
        let ack = try peer.wait()
        #expect(ack == SessionMessage(.ack, payload: [0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0]))
    }
}
