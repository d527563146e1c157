import Lab01Ping
import NetLabKit
import NetLabTesting
import Testing

@Suite("Part 5: heartbeat")
struct HeartbeatTests {
    let alice = "127.0.0.1:40000"
    let bob = "127.0.0.1:40001"

    @Test("the first heartbeat starts a client; the next in order says nothing")
    func startsAndContinues() throws {
        var monitor = HeartbeatMonitor(silenceLimit: 3)
        #expect(try monitor.receive(sequence: 1, from: alice, at: 0) == [.started(client: alice, sequence: 1)])
        #expect(try monitor.receive(sequence: 2, from: alice, at: 1) == [])
        #expect(try monitor.receive(sequence: 3, from: alice, at: 2) == [])
    }

    @Test("a jump in sequence numbers reports exactly the heartbeats skipped")
    func reportsGaps() throws {
        var monitor = HeartbeatMonitor(silenceLimit: 3)
        _ = try monitor.receive(sequence: 1, from: alice, at: 0)
        #expect(try monitor.receive(sequence: 2, from: alice, at: 1) == [])
        #expect(try monitor.receive(sequence: 5, from: alice, at: 2) == [.lost(client: alice, sequences: 3...4)])
        #expect(try monitor.receive(sequence: 7, from: alice, at: 3) == [.lost(client: alice, sequences: 6...6)])
        #expect(try monitor.receive(sequence: 4, from: alice, at: 3.5) == [.stale(client: alice, sequence: 4)])
    }

    @Test("a client silent for the limit is declared gone once, and a later heartbeat starts it afresh")
    func declaresSilentClientsGone() throws {
        var monitor = HeartbeatMonitor(silenceLimit: 3)
        _ = try monitor.receive(sequence: 1, from: alice, at: 10)
        #expect(try monitor.check(at: 12.9) == [])
        #expect(try monitor.check(at: 13.0) == [.gone(client: alice, silence: 3.0)])
        #expect(try monitor.check(at: 20) == [], "a gone client is reported once")
        #expect(try monitor.receive(sequence: 9, from: alice, at: 21) == [.started(client: alice, sequence: 9)])
    }

    @Test("clients are tracked separately: only the silent one is gone")
    func tracksClientsSeparately() throws {
        var monitor = HeartbeatMonitor(silenceLimit: 2)
        _ = try monitor.receive(sequence: 1, from: alice, at: 0)
        _ = try monitor.receive(sequence: 1, from: bob, at: 0)
        #expect(try monitor.receive(sequence: 2, from: bob, at: 1.5) == [])
        #expect(try monitor.check(at: 2.5) == [.gone(client: alice, silence: 2.5)])
        #expect(try monitor.receive(sequence: 4, from: bob, at: 3) == [.lost(client: bob, sequences: 3...3)])
    }

    @Test("the server's lines say who lost what")
    func lines() throws {
        #expect(try HeartbeatMonitor.line(for: .lost(client: alice, sequences: 3...4)) == "client \(alice) lost heartbeats 3-4")
        #expect(try HeartbeatMonitor.line(for: .lost(client: alice, sequences: 6...6)) == "client \(alice) lost heartbeat 6")
        #expect(try HeartbeatMonitor.line(for: .gone(client: alice, silence: 3.04)) == "client \(alice) gone: no heartbeat for 3.0 s")
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
            "heartbeat-client", "127.0.0.1", "--port", "\(address.port)", "--count", "4", "--interval", "0.02", "--skip", "2",
        ])
        #expect(run.exitCode == 0, "\(run)")
        let lost = server.waitForLine(timeout: 5) { $0.hasPrefix("client ") && $0.hasSuffix(" lost heartbeat 2") }
        #expect(lost != nil, "got:\n\(server.stdout)")
    }
}
