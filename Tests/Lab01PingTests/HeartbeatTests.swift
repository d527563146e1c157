import Lab01Ping
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

@Suite("Part 5: heartbeat")
struct HeartbeatTests {
    let alice = "127.0.0.1:40000"
    let bob = "127.0.0.1:40001"

    @Test("the first heartbeat starts a client; the next in order says nothing")
    func startsAndContinues() throws {
        var monitor = HeartbeatMonitor(silenceLimit: 3)
        let first = try monitor.receive(sequence: 1, from: alice, at: 0)
        #expect(first == [.started(client: alice, sequence: 1)], "heartbeat 1 at 0 s")
        let second = try monitor.receive(sequence: 2, from: alice, at: 1)
        #expect(second == [], "heartbeat 2 at 1 s, after 1")
        let third = try monitor.receive(sequence: 3, from: alice, at: 2)
        #expect(third == [], "heartbeat 3 at 2 s, after 1 and 2")
    }

    @Test("a jump in sequence numbers reports exactly the heartbeats skipped")
    func reportsGaps() throws {
        var monitor = HeartbeatMonitor(silenceLimit: 3)
        _ = try monitor.receive(sequence: 1, from: alice, at: 0)
        let two = try monitor.receive(sequence: 2, from: alice, at: 1)
        #expect(two == [], "heartbeat 2 after 1")
        let five = try monitor.receive(sequence: 5, from: alice, at: 2)
        #expect(five == [.lost(client: alice, sequences: 3...4)], "heartbeat 5 after 1, 2")
        let seven = try monitor.receive(sequence: 7, from: alice, at: 3)
        #expect(seven == [.lost(client: alice, sequences: 6...6)], "heartbeat 7 after 1, 2, 5")
        let four = try monitor.receive(sequence: 4, from: alice, at: 3.5)
        #expect(four == [.stale(client: alice, sequence: 4)], "heartbeat 4 after 1, 2, 5, 7")
        let sevenAgain = try monitor.receive(sequence: 7, from: alice, at: 3.6)
        #expect(sevenAgain == [.stale(client: alice, sequence: 7)], "heartbeat 7 again after 1, 2, 5, 7")
        let eight = try monitor.receive(sequence: 8, from: alice, at: 4)
        #expect(eight == [], "heartbeat 8 after 1, 2, 5, 7 (and stale 4 and 7)")
    }

    @Test("a client silent for the limit is declared gone once, and a later heartbeat starts it afresh")
    func declaresSilentClientsGone() throws {
        var monitor = HeartbeatMonitor(silenceLimit: 3)
        _ = try monitor.receive(sequence: 1, from: alice, at: 10)
        let early = try monitor.check(at: 12.9)
        #expect(early == [], "limit 3 s, last heartbeat at 10 s, check at 12.9 s")
        let due = try monitor.check(at: 13.0)
        #expect(due == [.gone(client: alice, silence: 3.0)], "limit 3 s, last heartbeat at 10 s, check at 13 s")
        let later = try monitor.check(at: 20)
        #expect(later == [], "a gone client is reported once (check at 20 s)")
        let back = try monitor.receive(sequence: 9, from: alice, at: 21)
        #expect(back == [.started(client: alice, sequence: 9)], "heartbeat 9 at 21 s, after alice was gone")
    }

    @Test("a heartbeat resets the silence: the limit counts from the last one")
    func heartbeatsResetTheSilence() throws {
        var monitor = HeartbeatMonitor(silenceLimit: 3)
        _ = try monitor.receive(sequence: 1, from: alice, at: 10)
        _ = try monitor.receive(sequence: 2, from: alice, at: 12)
        let quiet = try monitor.check(at: 14.5)
        #expect(quiet == [], "limit 3 s, heartbeats at 10 s and 12 s, check at 14.5 s")
        let due = try monitor.check(at: 15.25)
        #expect(due == [.gone(client: alice, silence: 3.25)],
                "limit 3 s, heartbeats at 10 s and 12 s, check at 15.25 s")
    }

    @Test("clients are tracked separately: only the silent one is gone")
    func tracksClientsSeparately() throws {
        var monitor = HeartbeatMonitor(silenceLimit: 2)
        _ = try monitor.receive(sequence: 1, from: alice, at: 0)
        _ = try monitor.receive(sequence: 1, from: bob, at: 0)
        let bobs = try monitor.receive(sequence: 2, from: bob, at: 1.5)
        #expect(bobs == [], "bob's heartbeat 2 at 1.5 s")
        let check = try monitor.check(at: 2.5)
        #expect(check == [.gone(client: alice, silence: 2.5)],
                "limit 2 s; alice last at 0 s, bob at 1.5 s; check at 2.5 s")
        let bobLater = try monitor.receive(sequence: 4, from: bob, at: 3)
        #expect(bobLater == [.lost(client: bob, sequences: 3...3)], "bob's heartbeat 4 after 1 and 2")
    }

    @Test("clients silent together are all declared gone, in order of their addresses")
    func manyGoneAtOnce() throws {
        var monitor = HeartbeatMonitor(silenceLimit: 1)
        let clients = (0..<5).map { "127.0.0.1:4000\($0)" }
        for client in clients.reversed() { _ = try monitor.receive(sequence: 1, from: client, at: 0) }
        let gone = try monitor.check(at: 2)
        #expect(gone == clients.map { .gone(client: $0, silence: 2) }, "5 clients, all last heard at 0 s, check at 2 s")
    }

    @Test("the server's lines say who lost what", arguments: [
        (HeartbeatEvent.started(client: "127.0.0.1:40000", sequence: 1),
         "client 127.0.0.1:40000 started at heartbeat 1"),
        (.lost(client: "127.0.0.1:40000", sequences: 3...4), "client 127.0.0.1:40000 lost heartbeats 3-4"),
        (.lost(client: "127.0.0.1:40000", sequences: 6...6), "client 127.0.0.1:40000 lost heartbeat 6"),
        (.stale(client: "127.0.0.1:40000", sequence: 4), "client 127.0.0.1:40000 sent stale heartbeat 4 (ignored)"),
        (.gone(client: "127.0.0.1:40000", silence: 3.04), "client 127.0.0.1:40000 gone: no heartbeat for 3.0 s"),
    ])
    func lines(event: HeartbeatEvent, expected: String) throws {
        let line = try HeartbeatMonitor.line(for: event)
        #expect(line == expected, "line(for: \(event))")
    }

    @Test("sendHeartbeats sends numbered heartbeats, leaves out the skipped ones, and stops after the last")
    func sendsHeartbeats() throws {
        let arrived = Mutex<[PingMessage]>([])
        let server = try FakeUDPPeer { datagram, _, _ in
            if let message = try? PingMessage.decode(datagram) { arrived.withLock { $0.append(message) } }
        }
        defer { server.stop() }
        // An hour between heartbeats: a client that waited after its last one would never be done.
        let done = Mutex<String?>(nil)
        let address = server.address
        startThread {
            do {
                try sendHeartbeats(to: address, count: 1, interval: 3600)
                done.withLock { $0 = "returned" }
            } catch {
                done.withLock { $0 = "threw \(error)" }
            }
        }
        let clock = SystemTime()
        let deadline = clock.now() + 20
        while done.withLock({ $0 }) == nil, clock.now() < deadline { sleep(seconds: 0.01) }
        let ending = done.withLock { $0 }
        #expect(ending == "returned", "count 1, interval 3600 s: sendHeartbeats should return after its one heartbeat")
        try sendHeartbeats(to: server.address, count: 0, interval: 0.01)
        try sendHeartbeats(to: server.address, count: 5, interval: 0.01, skipping: [2, 4])
        let wanted = 4
        while arrived.withLock({ $0.count }) < wanted, clock.now() < deadline + 5 { sleep(seconds: 0.01) }
        let messages = arrived.withLock { $0 }
        #expect(messages.map(\.kind) == [.heartbeat, .heartbeat, .heartbeat, .heartbeat], "\(messages)")
        #expect(messages.map(\.sequence) == [1, 1, 3, 5], "count 1, count 0, then count 5 skipping 2 and 4")
        let now = SystemTime.wallClock()
        #expect(messages.allSatisfy { abs($0.timestamp - now) < 3600 }, "timestamps are the wall clock: \(messages)")
    }

    @Test("sendHeartbeats waits the interval between heartbeats")
    func heartbeatInterval() throws {
        let clock = SystemTime()
        let arrivals = Mutex<[Double]>([])
        let server = try FakeUDPPeer { _, _, _ in arrivals.withLock { $0.append(clock.now()) } }
        defer { server.stop() }
        try sendHeartbeats(to: server.address, count: 3, interval: 0.4)
        let deadline = clock.now() + 5
        while arrivals.withLock({ $0.count }) < 3, clock.now() < deadline { sleep(seconds: 0.01) }
        let times = arrivals.withLock { $0 }
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        // A loose bound: a busy machine may be late to read one heartbeat, never early.
        #expect(gaps.count == 2 && gaps.allSatisfy { $0 >= 0.2 }, "--interval 0.4: heartbeats came \(gaps) s apart")
    }

    @Test("lab01-ping heartbeat-server reports skipped heartbeats and then the client's silence")
    func serverBinaryReportsLossAndSilence() throws {
        let server = try LabProcess.launch("lab01-ping", ["heartbeat-server", "--port", "0", "--gone-after", "0.4"])
        defer { server.stop() }
        let address = try server.waitForListening(scheme: "udp")
        let socket = try testUDPSocket()
        let client = try socket.localAddress().description
        for sequence in [1, 2, 5, 6] {
            try socket.send(PingMessage(kind: .heartbeat, sequence: sequence, timestamp: 1).encode(), to: address)
        }
        let lost = server.waitForLine(timeout: 5) { $0 == "client \(client) lost heartbeats 3-4" }
        #expect(lost != nil, "expected 'client \(client) lost heartbeats 3-4'; got:\n\(server.stdout)")
        let gone = server.waitForLine(timeout: 5) { $0.hasPrefix("client \(client) gone: no heartbeat for ") }
        #expect(gone != nil, "expected a 'gone' line after 0.4 s of silence; got:\n\(server.stdout)")
    }

    @Test("heartbeat-client with --skip makes heartbeat-server report that heartbeat lost")
    func clientAndServerBinaries() throws {
        let server = try LabProcess.launch("lab01-ping", ["heartbeat-server", "--port", "0", "--gone-after", "5"])
        defer { server.stop() }
        let address = try server.waitForListening(scheme: "udp")
        let run = try LabProcess.run("lab01-ping", [
            "heartbeat-client", "127.0.0.1", "--port", "\(address.port)", "--count", "4", "--interval", "0.02",
            "--skip", "2",
        ])
        #expect(run.exitCode == 0, "\(run)")
        let lost = server.waitForLine(timeout: 5) { $0.hasPrefix("client ") && $0.hasSuffix(" lost heartbeat 2") }
        #expect(lost != nil, "got:\n\(server.stdout)")
    }
}
