import Lab08RUDP
import NetLabChannel
import NetLabKit
import NetLabTesting
import Testing

@Suite struct HandshakeTests {
    /// Accepts one connection, answers "ping" with "pong", and closes.
    private func pongServer(_ listener: RUDPListener) -> Outcome<UInt32> {
        let outcome = Outcome<UInt32>()
        startThread {
            outcome.finish {
                let connection = try listener.accept(timeout: 30)
                let request = try connection.receive(timeout: 20)
                #expect(request == Array("ping".utf8))
                try connection.send(Array("pong".utf8))
                try connection.close()
                return connection.connectionID
            }
        }
        return outcome
    }

    @Test("connect and accept agree on the connection and can talk")
    func cleanHandshake() throws {
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: Fixture.options())
        defer { listener.close() }
        let server = pongServer(listener)
        let client = try RUDPConnection.connect(to: listener.localAddress, options: Fixture.options())
        #expect(client.peer == listener.localAddress)
        try client.send(Array("ping".utf8))
        #expect(try client.receive(timeout: 10) == Array("pong".utf8))
        try client.close()
        #expect(try server.wait(timeout: 30) == client.connectionID, "both ends use the client's connection ID")
    }

    @Test("the handshake completes under 30% loss in both directions", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func handshakeUnderLoss(seed: UInt64) throws {
        var faults = Faults(seed: seed)
        faults.loss = 0.3
        var serverFaults = Faults(seed: seed + 100)
        serverFaults.loss = 0.3
        let listener = try RUDPListener(bindingTo: Fixture.loopback, faults: serverFaults, options: Fixture.options())
        defer { listener.close() }
        let server = pongServer(listener)
        let client = try RUDPConnection.connect(to: listener.localAddress, faults: faults, options: Fixture.options())
        try client.send(Array("ping".utf8))
        #expect(try client.receive(timeout: 20) == Array("pong".utf8), Fixture.replay(faults))
        try client.close()
        _ = try server.wait(timeout: 30)
    }

    @Test("connecting to a silent port gives up after the configured retries")
    func silentPeer() throws {
        let blackHole = try testUDPSocket()
        defer { blackHole.close() }
        var options = Fixture.options()
        options.maximumRetries = 3
        options.initialRTO = 0.01
        options.maximumRTO = 0.04
        #expect(throws: RUDPError.connectFailed(retries: 3)) {
            _ = try RUDPConnection.connect(to: try blackHole.localAddress(), options: options)
        }
        // The SYN was retransmitted: the black hole saw 1 + 3 SYNs.
        var syns = 0
        try blackHole.setReceiveTimeout(0.05)
        while let (bytes, _) = try? blackHole.receive() {
            if let segment = try? Segment.decode(bytes), segment.flags == [.syn] { syns += 1 }
        }
        #expect(syns == 4, "one SYN and three retransmissions")
    }

    @Test("connecting to a silent port gives up after giveUpAfter seconds, even with retries left")
    func silentPeerDeadline() throws {
        let blackHole = try testUDPSocket()
        defer { blackHole.close() }
        var options = Fixture.options()
        options.maximumRetries = 300
        options.initialRTO = 0.01
        options.maximumRTO = 0.04
        options.giveUpAfter = 0.5
        var failure: (any Error)?
        do { _ = try RUDPConnection.connect(to: try blackHole.localAddress(), options: options) } catch { failure = error }
        let error = try #require(failure as? RUDPError, "connect must fail, got \(String(describing: failure))")
        guard case .connectFailed(let retries) = error else {
            Issue.record("expected connectFailed, got \(error)")
            return
        }
        // 0.5 s of RTOs of at most 40 ms: a dozen or two tries, nowhere near 300.
        #expect(retries >= 5 && retries <= 100, "retries made before giving up: \(retries)")
    }

    @Test("segments from a foreign address are ignored, even with the right connection ID")
    func foreignSegmentsIgnored() throws {
        var options = Fixture.options()
        options.initialSequence = 1000
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: options)
        defer { listener.close() }
        let payload = Fixture.payload(seed: 99, count: 5000)
        let server = Outcome<Void>()
        startThread {
            server.finish {
                let connection = try listener.accept(timeout: 30)
                #expect(try connection.receive(timeout: 20) == Array("go".utf8))
                try connection.send(payload)
                try connection.close()
            }
        }
        let client = try RUDPConnection.connect(to: listener.localAddress, options: options)
        // An attacker on another port forges the server's next segments: data at the right
        // sequence number, a FIN, a RST, and a SYN-ACK.
        let attacker = try testUDPSocket()
        defer { attacker.close() }
        let id = client.connectionID
        let forged = [
            Segment(flags: [.data, .ack], connectionID: id, sequence: 1001, acknowledgment: 1001, window: 64, payload: Array("EVIL".utf8)),
            Segment(flags: [.fin, .ack], connectionID: id, sequence: 1001, acknowledgment: 1001, window: 64),
            Segment(flags: [.rst, .ack], connectionID: id, sequence: 1001, acknowledgment: 1001),
            Segment(flags: [.syn, .ack], connectionID: id, sequence: 5, acknowledgment: 1001, window: 64),
        ]
        for segment in forged { try attacker.send(try segment.encode(), to: client.localAddress) }
        // And forges an ACK for everything to the server, from the wrong address.
        try attacker.send(try Segment(flags: [.ack], connectionID: id, sequence: 1001, acknowledgment: 1_000_000, window: 64).encode(), to: listener.localAddress)
        sleep(seconds: 0.05)
        try client.send(Array("go".utf8))
        let received = try Fixture.readToEnd(client)
        #expect(received.count == payload.count, "the forged segments changed what arrived")
        #expect(received == payload, "exactly the server's bytes arrive")
        try client.close()
        try server.wait(timeout: 30)
    }
}
