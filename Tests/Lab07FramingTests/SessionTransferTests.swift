import Foundation
import Lab07Framing
import NetLabKit
import NetLabTesting
import Testing

@Suite struct SessionTransferTests {
    static func messages(seed: UInt64, count: Int, size: Int) -> [[UInt8]] {
        (0..<count).map { Fixture.payload(seed: seed + UInt64($0), count: 1 + (Int(seed) * 31 + $0 * 17) % size) }
    }

    @Test(
        "step and burst both deliver every message once, in order, with the same CRC-32 on both sides",
        arguments: [SessionMode.step, .burst])
    func delivery(mode: SessionMode) throws {
        let folder = "/tmp/lab07-session-\(SeededRandom.freshSeed())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fixture = try SessionServerFixture(
            SessionServerFixture.quiet {
                $0.directory = folder; $0.ackDelay = 0.001
            })
        defer { fixture.close() }
        var options = SessionClientOptions(mode: mode)
        options.maximumPacket = 256
        let client = try SessionClient.connect(to: fixture.address, options: options)
        let sent = Self.messages(seed: 1, count: 300, size: 256)
        let report = try client.send(sent)
        let acknowledged = try client.disconnect()
        let all = sent.flatMap { $0 }
        #expect(report.messages == 300 && report.bytes == all.count && report.crc == Fixture.crc32(all))
        #expect(acknowledged, "the server acknowledges the DISCONNECT")
        let summary = try #require(fixture.sessions(atLeast: 1).first)
        #expect(summary.report.ending == .disconnected)
        #expect(
            summary.report.messages == 300 && summary.report.bytes == all.count && summary.crc == Fixture.crc32(all),
            "\(summary)")
        let saved = try FileSystem.readAll("\(folder)/\(client.parameters.sessionName)")
        #expect(Fixture.difference(saved, all) == "", "the server saves the data under --dir by session ID")
    }

    @Test("a damaged DATA gets an ERROR naming its sequence number; the resend is delivered")
    func damagedData() throws {
        let fixture = try SessionServerFixture()
        defer { fixture.close() }
        let peer = try RawPeer(connectingTo: fixture.address)
        defer { peer.close() }
        _ = try peer.handshake()
        try peer.sendDamaged(SessionMessage(.data, sequence: 1, payload: Array("one".utf8)))
        let error = try peer.next()
        #expect(error == SessionMessage(.error, sequence: 1))
        try peer.send(SessionMessage(.data, sequence: 1, payload: Array("one".utf8)))
        let ack = try peer.next()
        #expect(ack == SessionMessage(.ack, sequence: 1))
        try peer.send(SessionMessage(.disconnect, sequence: 2))
        let goodbyeAck = try peer.next()
        #expect(goodbyeAck == SessionMessage(.ack, sequence: 2))
        let summary = try #require(fixture.sessions(atLeast: 1).first)
        #expect(
            summary.report.corrupted == 1 && summary.report.messages == 1
                && summary.crc == Fixture.crc32(Array("one".utf8)))
    }

    @Test("a duplicate is acknowledged again and not delivered twice")
    func duplicates() throws {
        let fixture = try SessionServerFixture()
        defer { fixture.close() }
        let peer = try RawPeer(connectingTo: fixture.address)
        defer { peer.close() }
        _ = try peer.handshake()
        for (sequence, text) in [(1, "a"), (2, "b"), (1, "a"), (2, "b"), (3, "c")] as [(UInt32, String)] {
            try peer.send(SessionMessage(.data, sequence: sequence, payload: Array(text.utf8)))
        }
        var acks: [UInt32] = []
        for _ in 0..<5 { acks.append(try #require(try peer.next()).sequence) }
        #expect(acks == [1, 2, 2, 2, 3], "ACKs are cumulative: a duplicate gets the highest delivered number")
        try peer.send(SessionMessage(.disconnect, sequence: 4))
        _ = try peer.next()
        let summary = try #require(fixture.sessions(atLeast: 1).first)
        #expect(summary.report.messages == 3 && summary.report.duplicates == 2)
        #expect(summary.crc == Fixture.crc32(Array("abc".utf8)), "delivered: a, b, c once each")
    }

    @Test("a DATA over the negotiated packet size ends the session; nothing of it is delivered")
    func oversizedData() throws {
        let fixture = try SessionServerFixture()
        defer { fixture.close() }
        let peer = try RawPeer(connectingTo: fixture.address)
        defer { peer.close() }
        let parameters = try peer.handshake(packet: 100)
        #expect(parameters.maximumPacket == 100)
        try peer.send(SessionMessage(.data, sequence: 1, payload: [UInt8](repeating: 1, count: 100)))
        let fits = try peer.next()
        #expect(fits == SessionMessage(.ack, sequence: 1), "100 bytes is the packet size: fine")
        try peer.send(SessionMessage(.data, sequence: 2, payload: [UInt8](repeating: 2, count: 101)))
        let answer = try peer.next()
        #expect(answer == nil, "no ACK: the server closes")
        let summary = try #require(fixture.sessions(atLeast: 1).first)
        let failed = if case .failed = summary.report.ending { true } else { false }
        #expect(failed && summary.report.messages == 1 && summary.report.bytes == 100, "\(summary)")
    }

    @Test("a client whose server closes mid-transfer stops at once and says the peer closed")
    func serverCloses() throws {
        let server = try RawServer()
        defer { server.close() }
        let address = server.address
        let outcome = Outcome<String>.start {
            let client = try SessionClient.connect(to: address, options: SessionClientOptions(mode: .step))
            defer { client.close() }
            do {
                _ = try client.send([[1, 2, 3], [4, 5, 6]])
                return "sent"
            } catch {
                return "\(error)"
            }
        }
        let peer = try server.acceptSession(RawServer.accepting(window: 1, mode: .step), client: outcome)
        let first = try peer.next()
        #expect(first?.kind == .data)
        peer.close()
        let result = try outcome.wait()
        #expect(result == "\(SessionError.closed)")
    }

    @Test("a message past a gap is not delivered out of order, and its ACK says how far delivery got")
    func gap() throws {
        let fixture = try SessionServerFixture()
        defer { fixture.close() }
        let peer = try RawPeer(connectingTo: fixture.address)
        defer { peer.close() }
        _ = try peer.handshake()
        try peer.send(SessionMessage(.data, sequence: 2, payload: Array("b".utf8)))
        try peer.send(SessionMessage(.data, sequence: 1, payload: Array("a".utf8)))
        try peer.send(SessionMessage(.data, sequence: 2, payload: Array("b".utf8)))
        try peer.send(SessionMessage(.disconnect, sequence: 3))
        var acks: [UInt32] = []
        for _ in 0..<4 { acks.append(try #require(try peer.next()).sequence) }
        #expect(acks == [0, 1, 2, 3], "nothing delivered yet, then a, then b, then the DISCONNECT")
        let summary = try #require(fixture.sessions(atLeast: 1).first)
        #expect(summary.crc == Fixture.crc32(Array("ab".utf8)) && summary.report.messages == 2, "\(summary)")
    }

    /// Runs `client.send(messages)` on a thread and gives back its report.
    static func sending(
        _ server: RawServer, _ reply: SynAckReply, _ messages: [[UInt8]], mode: SessionMode
    )
        -> Outcome<TransferReport>
    {
        let address = server.address
        return Outcome.start {
            var options = SessionClientOptions(mode: mode)
            options.maximumPacket = 64
            options.window = Int(reply.window)
            options.resendInterval = 30
            let client = try SessionClient.connect(to: address, options: options)
            let report = try client.send(messages)
            try client.disconnect()
            return report
        }
    }

    @Test("burst keeps up to the window unacknowledged, and no more")
    func burstWindow() throws {
        let server = try RawServer()
        defer { server.close() }
        let messages = Self.messages(seed: 2, count: 10, size: 64)
        let report = Self.sending(server, RawServer.accepting(window: 4), messages, mode: .burst)
        let peer = try server.acceptSession(RawServer.accepting(window: 4), client: report)
        defer { peer.close() }
        var seen: [UInt32] = []
        for _ in 0..<4 { seen.append(try #require(try peer.next()).sequence) }
        #expect(seen == [1, 2, 3, 4])
        let fifth = try peer.next(within: 0.3)
        #expect(fifth == nil, "a fifth message before any ACK would overrun the window")
        try peer.send(SessionMessage(.ack, sequence: 2))
        let next = [try #require(try peer.next()).sequence, try #require(try peer.next()).sequence]
        #expect(next == [5, 6], "an ACK for 2 frees two places")
        try peer.send(SessionMessage(.ack, sequence: 6))
        var rest: [UInt32] = []
        for _ in 0..<4 { rest.append(try #require(try peer.next()).sequence) }
        #expect(rest == [7, 8, 9, 10])
        try peer.send(SessionMessage(.ack, sequence: 10))
        let goodbye = try #require(try peer.next())
        #expect(goodbye.kind == .disconnect && goodbye.sequence == 11)
        try peer.send(SessionMessage(.ack, sequence: 11))
        let result = try report.wait()
        #expect(result.messages == 10)
    }

    @Test("step mode sends the next message only after the last one's ACK")
    func stepMode() throws {
        let server = try RawServer()
        defer { server.close() }
        let messages = Self.messages(seed: 3, count: 3, size: 64)
        let reply = RawServer.accepting(window: 1, mode: .step)
        let report = Self.sending(server, reply, messages, mode: .step)
        let peer = try server.acceptSession(reply, client: report)
        defer { peer.close() }
        for sequence: UInt32 in 1...3 {
            let message = try #require(try peer.next())
            #expect(
                message.kind == .data && message.sequence == sequence && message.payload == messages[Int(sequence) - 1])
            let early = try peer.next(within: 0.2)
            #expect(early == nil, "nothing more before the ACK for \(sequence)")
            try peer.send(SessionMessage(.ack, sequence: sequence))
        }
        let goodbye = try #require(try peer.next())
        #expect(goodbye == SessionMessage(.disconnect, sequence: 4))
        try peer.send(SessionMessage(.ack, sequence: 4))
        _ = try report.wait()
    }

    @Test("after an ERROR the client resends the named message and those after it")
    func resendAfterError() throws {
        let server = try RawServer()
        defer { server.close() }
        let messages = Self.messages(seed: 4, count: 4, size: 64)
        let reply = RawServer.accepting(window: 4)
        let report = Self.sending(server, reply, messages, mode: .burst)
        let peer = try server.acceptSession(reply, client: report)
        defer { peer.close() }
        for _ in 0..<4 { _ = try peer.next() }
        try peer.send(SessionMessage(.error, sequence: 3))
        let again = [try #require(try peer.next()), try #require(try peer.next())]
        #expect(again.map(\.sequence) == [3, 4] && again.map(\.payload) == [messages[2], messages[3]])
        try peer.send(SessionMessage(.ack, sequence: 4))
        let goodbye = try #require(try peer.next())
        #expect(goodbye.kind == .disconnect)
        try peer.send(SessionMessage(.ack, sequence: goodbye.sequence))
        let result = try report.wait()
        #expect(result.resent == 2)
    }

    @Test(
        "a client through a peer that damages frames still delivers everything intact", arguments: [5, 6] as [UInt64])
    func damagingPeer(seed: UInt64) throws {
        let fixture = try SessionServerFixture()
        defer { fixture.close() }
        // The test peer is the client: it sends a window of 4, damaging some at random.
        var random = SeededRandom(seed: seed)
        let peer = try RawPeer(connectingTo: fixture.address)
        defer { peer.close() }
        _ = try peer.handshake(window: 4)
        let messages = Self.messages(seed: seed, count: 40, size: 100)
        var base = 1
        var rounds = 0
        while base <= messages.count && rounds < 1_000 {
            rounds += 1
            let top = min(base + 3, messages.count)
            for sequence in base...top {
                let message = SessionMessage(.data, sequence: UInt32(sequence), payload: messages[sequence - 1])
                if random.chance(0.2) { try peer.sendDamaged(message) } else { try peer.send(message) }
            }
            // Go back to the first ERROR, or on past the highest ACK.
            var errorAt: Int?
            var acked = base - 1
            for _ in base...top {
                let answer = try #require(try peer.next(), "seed \(seed)")
                if answer.kind == .error { errorAt = min(errorAt ?? Int.max, Int(answer.sequence)) }
                if answer.kind == .ack { acked = max(acked, Int(answer.sequence)) }
            }
            base = min(errorAt ?? Int.max, acked + 1)
        }
        try peer.send(SessionMessage(.disconnect, sequence: UInt32(messages.count + 1)))
        var last = try peer.next()
        while last?.sequence != UInt32(messages.count + 1), let message = try peer.next() { last = message }
        let summary = try #require(fixture.sessions(atLeast: 1).first)
        #expect(summary.crc == Fixture.crc32(messages.flatMap { $0 }), "seed \(seed): \(summary)")
        #expect(summary.report.messages == 40 && summary.report.corrupted > 0, "seed \(seed)")
    }

    @Test("disconnecting from a peer that never answers returns, bounded in time, and says so")
    func silentDisconnect() throws {
        let server = try RawServer()
        defer { server.close() }
        let address = server.address
        let outcome = Outcome<Bool>.start {
            var options = SessionClientOptions(mode: .step)
            options.disconnectTimeout = 0.3
            let client = try SessionClient.connect(to: address, options: options)
            return try client.disconnect()
        }
        let peer = try server.acceptSession(RawServer.accepting(window: 1, mode: .step), client: outcome)
        defer { peer.close() }
        let goodbye = try peer.next()
        #expect(goodbye == SessionMessage(.disconnect, sequence: 1))
        let acknowledged = try outcome.wait(timeout: 30)
        #expect(!acknowledged, "no ACK came")
        let afterClose = try peer.next(within: 10)
        #expect(afterClose == nil, "the client closed the connection")
    }

    @Test("many sessions at once are kept apart")
    func manySessions() throws {
        let fixture = try SessionServerFixture()
        defer { fixture.close() }
        let address = fixture.address
        let runs = (0..<6).map { index in
            Outcome<UInt32>.start {
                var options = SessionClientOptions(mode: index % 2 == 0 ? .burst : .step)
                options.clientID = "client-\(index)"
                let client = try SessionClient.connect(to: address, options: options)
                let report = try client.send(Self.messages(seed: 50 + UInt64(index), count: 30, size: 500))
                try client.disconnect()
                return report.crc
            }
        }
        let crcs = try runs.map { try $0.wait() }
        let sessions = fixture.sessions(atLeast: 6)
        for (index, crc) in crcs.enumerated() {
            let summary = sessions.first { $0.parameters?.clientID == "client-\(index)" }
            #expect(summary?.crc == crc && summary?.report.messages == 30, "client \(index)")
        }
    }

    @Test("lab07-framing session-client prints the parameters, the totals and the CRC-32")
    func command() throws {
        let fixture = try SessionServerFixture()
        defer { fixture.close() }
        let result = try LabProcess.run(
            "lab07-framing",
            [
                "session-client", "--server", "\(fixture.address)", "--mode", "burst", "--messages", "20",
                "--max-packet", "100",
            ])
        #expect(result.exitCode == 0, "\(result)")
        let lines = result.stdoutLines
        #expect(lines.first?.contains("burst, packet 100 bytes, window 8") == true, "\(result)")
        #expect(lines.contains { $0.hasPrefix("sent 20 messages, 2000 bytes in ") }, "\(result)")
        let message = (0..<100).map { UInt8($0) }
        let crc = String(Fixture.crc32((0..<20).flatMap { _ in message }), radix: 16)
        #expect(lines.contains("crc32 \(String(repeating: "0", count: 8 - crc.count) + crc)"), "\(result)")
    }
}
