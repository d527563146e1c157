import Lab08RUDP
import NetLabChannel
import NetLabKit
import Testing

@Suite struct TeardownTests {
    @Test("the receiver reads end of stream after the sender's close, and both closes succeed")
    func cleanClose() throws {
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: Fixture.options())
        defer { listener.close() }
        let server = Outcome<[UInt8]>()
        startThread {
            server.finish {
                let connection = try listener.accept(timeout: 30)
                let first = try connection.receive(timeout: 10)
                let end = try connection.receive(timeout: 10)
                try connection.close()
                return first + [UInt8(end.count)]
            }
        }
        let client = try RUDPConnection.connect(to: listener.localAddress, options: Fixture.options())
        try client.send(Array("bye".utf8))
        try client.close()
        let acknowledged = client.stats.bytesAcknowledged
        #expect(acknowledged == 3, "data bytes acknowledged, the FIN not counted: \(client.stats)")
        let read = try server.wait(timeout: 30)
        #expect(read == Array("bye".utf8) + [0], "\"bye\", then an empty read: end of stream")
    }

    @Test(
        "close under 30% loss both ways finishes, and the peer sees end of stream", arguments: [1, 2, 3, 4] as [UInt64])
    func closeUnderLoss(seed: UInt64) throws {
        var client = Faults(seed: seed)
        client.loss = 0.3
        var server = Faults(seed: seed + 50)
        server.loss = 0.3
        let payload = Fixture.payload(seed: seed, count: 3000)
        let received = try Fixture.upload(payload, clientFaults: client, serverFaults: server, closing: true)
        #expect(received == payload, Fixture.replay(client))
    }

    @Test("close gives up with an error, in bounded time, when the peer has vanished")
    func closeWithVanishedPeer() throws {
        var options = Fixture.options()
        options.maximumRetries = 4
        options.maximumRTO = 0.05
        options.closeTimeout = 5
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: options)
        let accepted = Outcome<RUDPConnection>()
        startThread { accepted.finish { try listener.accept(timeout: 30) } }
        let client = try RUDPConnection.connect(to: listener.localAddress, options: options)
        _ = try accepted.wait(timeout: 10)
        listener.close()  // the server disappears without a word
        sleep(seconds: 0.05)
        try client.send(Array("anyone there?".utf8))
        var failure: (any Error)?
        do { try client.close() } catch { failure = error }
        let error = try #require(failure as? RUDPError, "close must report failure, got \(String(describing: failure))")
        if case .closeFailed = error {} else { Issue.record("expected closeFailed, got \(error)") }
    }

    @Test("close gives up once nothing new is acknowledged for closeTimeout, even with retries left")
    func closeTimesOutWithoutProgress() throws {
        var options = Fixture.options()
        options.initialRTO = 0.05
        options.maximumRTO = 0.05
        options.maximumRetries = 200  // the retry budget alone would last 10 s
        options.giveUpAfter = 60
        options.closeTimeout = 0.5
        let server = try HandPlayedServer(options: options)  // it acknowledges nothing
        defer { server.socket.close() }
        try server.connection.send(Array("anyone there?".utf8))
        let started = SystemTime().now()
        var failure: (any Error)?
        do { try server.connection.close() } catch { failure = error }
        let waited = SystemTime().now() - started
        #expect(failure != nil, "nothing was acknowledged, yet close returned as if it was")
        #expect(waited < 5, "closeTimeout is 0.5 s, but close waited \(waited) s: only progress moves its deadline")
    }

    @Test("a reset after every byte was acknowledged closes quietly; a reset before that is an error")
    func resetDuringClose() throws {
        for acknowledged in [true, false] {
            var options = Fixture.options()
            options.initialRTO = 2  // no resends: the FIN goes once
            options.minimumRTO = 2
            let server = try HandPlayedServer(options: options)
            defer { server.socket.close() }
            let payload = Array("all of it, or an error".utf8)
            try server.connection.send(payload)
            let closing = Outcome<String>()
            startThread {
                closing.finish {
                    do { try server.connection.close() } catch { return "\(error)" }
                    return "close returned"
                }
            }
            let fin = try server.next(with: [.fin])  // close has begun: its FIN is out
            try #require(fin != nil, "close sends a FIN")
            if acknowledged { try server.acknowledge(payload.count) }  // the data, not the FIN
            try server.acknowledge(0, flags: [.rst])
            let ending = try closing.wait(timeout: 10)
            if acknowledged {
                #expect(ending == "close returned", "every byte was acknowledged before the reset: \(ending)")
            } else {
                #expect(ending != "close returned", "the reset came before any byte was acknowledged: close must fail")
            }
        }
    }

    @Test("sending after close is refused")
    func sendAfterClose() throws {
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: Fixture.options())
        defer { listener.close() }
        let server = Outcome<Void>()
        startThread {
            server.finish {
                let c = try listener.accept(timeout: 30); _ = try Fixture.readToEnd(c); try c.close()
            }
        }
        let client = try RUDPConnection.connect(to: listener.localAddress, options: Fixture.options())
        try client.close()
        #expect(throws: RUDPError.closed) { try client.send([1]) }
        try server.wait(timeout: 30)
    }

    @Test("a send while close is still waiting for its FIN's acknowledgement is refused")
    func sendDuringClose() throws {
        var options = Fixture.options()
        options.closeTimeout = 1
        let server = try HandPlayedServer(options: options)
        defer { server.socket.close() }
        let closing = Outcome<String>()
        startThread {
            closing.finish {
                do { try server.connection.close() } catch { return "\(error)" }
                return "close returned"
            }
        }
        let fin = try server.next(with: [.fin])
        #expect(fin != nil, "close sends a FIN at once")
        var refusal: (any Error)?
        do { try server.connection.send([1]) } catch { refusal = error }
        #expect(refusal as? RUDPError == .closed, "send during close: \(String(describing: refusal))")
        let ending = try closing.wait(timeout: 10)
        #expect(ending.contains("close"), "the FIN is never acknowledged: \(ending)")
    }

    @Test("both ends closing at once under loss both finish", arguments: [7, 8] as [UInt64])
    func simultaneousClose(seed: UInt64) throws {
        var faults = Faults(seed: seed)
        faults.loss = 0.2
        let listener = try RUDPListener(bindingTo: Fixture.loopback, faults: faults, options: Fixture.options())
        defer { listener.close() }
        let server = Outcome<Void>()
        startThread {
            server.finish {
                let connection = try listener.accept(timeout: 30)
                try connection.send(Array("server".utf8))
                try connection.close()
            }
        }
        let client = try RUDPConnection.connect(to: listener.localAddress, faults: faults, options: Fixture.options())
        try client.send(Array("client".utf8))
        try client.close()
        try server.wait(timeout: 30)
    }
}
