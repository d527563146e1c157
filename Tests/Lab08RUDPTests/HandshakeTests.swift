import Lab08RUDP
import NetLabChannel
import NetLabKit
import NetLabTesting
import Testing

@Suite struct HandshakeTests {
    /// Accepts one connection and hands it back.
    private func acceptOne(_ listener: RUDPListener) -> Outcome<RUDPConnection> {
        let outcome = Outcome<RUDPConnection>()
        startThread { outcome.finish { try listener.accept(timeout: 30) } }
        return outcome
    }

    /// What each end knows about the other, as one line to compare.
    private func agreement(client: RUDPConnection, server: RUDPConnection) -> String {
        "client \(client.localAddress) → \(client.peer) id \(client.connectionID), "
            + "server \(server.localAddress) → \(server.peer) id \(server.connectionID)"
    }

    /// What `agreement` must say: one ID, and each end's peer the other's own address.
    private func expectedAgreement(client: RUDPConnection, listener: RUDPListener) -> String {
        let (here, there, id) = (client.localAddress, listener.localAddress, client.connectionID)
        return "client \(here) → \(there) id \(id), server \(there) → \(here) id \(id)"
    }

    @Test("connect and accept agree on the connection: its ID and both addresses")
    func cleanHandshake() throws {
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: Fixture.options())
        defer { listener.close() }
        let accepted = acceptOne(listener)
        let client = try RUDPConnection.connect(to: listener.localAddress, options: Fixture.options())
        defer { try? client.close() }
        let server = try accepted.wait(timeout: 30)
        let seen = agreement(client: client, server: server)
        let expected = expectedAgreement(client: client, listener: listener)
        #expect(seen == expected, "both ends use the client's connection ID, each the other's address")
        #expect(client.connectionID % 2 == 1, "the client picks an odd connection ID: \(client.connectionID)")
    }

    @Test("the handshake completes under 30% loss in both directions", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func handshakeUnderLoss(seed: UInt64) throws {
        var faults = Faults(seed: seed)
        faults.loss = 0.3
        var serverFaults = Faults(seed: seed + 100)
        serverFaults.loss = 0.3
        let listener = try RUDPListener(bindingTo: Fixture.loopback, faults: serverFaults, options: Fixture.options())
        defer { listener.close() }
        let accepted = acceptOne(listener)
        let client = try RUDPConnection.connect(to: listener.localAddress, faults: faults, options: Fixture.options())
        defer { try? client.close() }
        let server = try accepted.wait(timeout: 30)
        let seen = agreement(client: client, server: server)
        let expected = expectedAgreement(client: client, listener: listener)
        #expect(seen == expected, "\(Fixture.replay(faults)); server \(serverFaults)")
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
        do { _ = try RUDPConnection.connect(to: try blackHole.localAddress(), options: options) } catch {
            failure = error
        }
        let error = try #require(failure as? RUDPError, "connect must fail, got \(String(describing: failure))")
        guard case .connectFailed(let retries) = error else {
            Issue.record("expected connectFailed, got \(error)")
            return
        }
        // 0.5 s of RTOs of at most 40 ms: a dozen or two tries, nowhere near 300.
        #expect(retries >= 5 && retries <= 100, "retries made before giving up: \(retries)")
    }

    @Test("a SYN sent again counts as a retransmission")
    func resentSynCounts() throws {
        let socket = try testUDPSocket(timeout: 5)  // the server, played by hand
        defer { socket.close() }
        let address = try socket.localAddress()
        var options = Fixture.options()
        options.initialRTO = 0.05
        options.closeTimeout = 0.5  // the peer never acknowledges the FIN: close soon after
        let connected = Outcome<RUDPConnection>()
        startThread { [options] in connected.finish { try RUDPConnection.connect(to: address, options: options) } }
        _ = try socket.receive()  // the first SYN: no answer
        let (synBytes, client) = try socket.receive()  // the SYN again, after the timeout
        let syn = try Segment.decode(synBytes)
        try #require(syn.flags == [.syn], "the client's second segment: \(syn)")
        let synAck = Segment(
            flags: [.syn, .ack], connectionID: syn.connectionID, sequence: 5000, acknowledgment: syn.sequence &+ 1,
            window: 64)
        try socket.send(try synAck.encode(), to: client)
        let connection = try connected.wait(timeout: 10)
        defer { try? connection.close() }
        let stats = connection.stats
        #expect(stats.retransmissions == 1, "one SYN was sent again: \(stats)")
    }

    @Test("the handshake's round trip is the first RTT sample")
    func handshakeIsTimed() throws {
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: Fixture.options())
        defer { listener.close() }
        let accepted = acceptOne(listener)
        let client = try RUDPConnection.connect(to: listener.localAddress, options: Fixture.options())
        defer { try? client.close() }
        let server = try accepted.wait(timeout: 10)
        defer { try? server.close() }
        let sample = client.stats.smoothedRTT
        let onLoopback = sample.map { $0 > 0 && $0 < 0.05 } ?? false
        #expect(onLoopback, "SRTT after a handshake on loopback: \(String(describing: sample))")
    }
}
