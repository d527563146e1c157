import Lab07Framing
import NetLabKit
import Testing

@Suite struct KeepAliveTests {
    @Test("a keep-alive is due after an interval without sending; a peer is gone after three without hearing")
    func clock() throws {
        var clock = KeepAliveClock(interval: 1, now: 100)
        let early = try clock.action(at: 100.5)
        #expect(early == .wait)
        let due = try clock.action(at: 101)
        #expect(due == .send)
        clock.sent(at: 101)
        let afterSending = try clock.action(at: 101.5)
        #expect(afterSending == .wait)
        let dueAgain = try clock.action(at: 102.5)
        #expect(dueAgain == .send)
        clock.sent(at: 102.5)
        let silent = try clock.action(at: 103)
        #expect(silent == .expire, "three intervals since anything was heard")
        clock.heard(at: 103)
        let afterHearing = try clock.action(at: 103.25)
        #expect(afterHearing == .wait)
        let deadline = try clock.nextDeadline()
        #expect(deadline == 103.5, "the next keep-alive is due before the next expiry")
    }

    @Test("the server sends keep-alives to an idle client, then declares it gone after three silent intervals")
    func serverExpiry() throws {
        let fixture = try SessionServerFixture(SessionServerFixture.quiet { $0.keepAlive = 0.1 })
        defer { fixture.close() }
        let peer = try RawPeer(connectingTo: fixture.address)
        defer { peer.close() }
        let parameters = try peer.handshake()
        #expect(parameters.keepAlive == 0.1, "the SYN-ACK carries the interval")
        let keepAlive = try peer.next(within: 10, keepAlives: true)
        #expect(keepAlive?.kind == .keepAlive)
        let summary = try #require(fixture.sessions(atLeast: 1).first)
        let silentFor = if case .peerSilent(let seconds) = summary.report.ending { seconds } else { -1.0 }
        #expect(
            abs(silentFor - 0.3) < 1e-9, "the peer was silent for three intervals: \(summary.report.ending)")
        var after: [SessionMessage] = []
        while let message = try peer.next(within: 10, keepAlives: true), after.count < 100 { after.append(message) }
        #expect(after.allSatisfy { $0.kind == .keepAlive } && after.count < 100, "and closes the connection")
    }

    @Test("a client that sends keep-alives stays connected past three intervals")
    func keptAlive() throws {
        let fixture = try SessionServerFixture(SessionServerFixture.quiet { $0.keepAlive = 0.1 })
        defer { fixture.close() }
        let peer = try RawPeer(connectingTo: fixture.address)
        defer { peer.close() }
        _ = try peer.handshake()
        for _ in 0..<10 {
            try peer.send(SessionMessage(.keepAlive))
            sleep(seconds: 0.06)
        }
        #expect(fixture.server.finishedSessions.isEmpty, "alive after 0.6 s, six intervals")
        try peer.send(SessionMessage(.disconnect, sequence: 1))
        var answer = try peer.next()
        while answer?.kind == .keepAlive { answer = try peer.next() }
        #expect(answer == SessionMessage(.ack, sequence: 1))
        let summary = try #require(fixture.sessions(atLeast: 1).first)
        #expect(summary.report.ending == .disconnected)
    }

    @Test("a client whose server goes silent mid-transfer gives up after three intervals")
    func clientExpiry() throws {
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
        let peer = try server.acceptSession(
            RawServer.accepting(window: 1, mode: .step, keepAliveMs: 100), client: outcome)
        defer { peer.close() }
        let first = try peer.next()
        #expect(first?.kind == .data)
        let keepAlive = try peer.next(within: 10, keepAlives: true)
        #expect(keepAlive?.kind == .keepAlive, "the waiting client keeps the session alive")
        let result = try outcome.wait()
        #expect(result.contains("silent for 0.3"), "three intervals of 0.1 s: \(result)")
    }
}
