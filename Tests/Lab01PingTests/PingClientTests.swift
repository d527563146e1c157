import Lab01Ping
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

@Suite("Part 4: ping client")
struct PingClientTests {
    @Test("when every ping is answered: N transmitted, N received, RTTs measured")
    func allAnswered() throws {
        let server = try scriptedServer { _, reply in [reply] }
        defer { server.stop() }
        let (summary, events) = try runClient(against: server.address, count: 5)
        #expect(summary.transmitted == 5)
        #expect(summary.received == 5)
        #expect(summary.lossPercent == 0)
        #expect(events.compactMap(\.replySequence) == [1, 2, 3, 4, 5], "one reply per ping, in order")
        let rtt = try #require(summary.rtt)
        #expect(rtt.minimum > 0 && rtt.minimum <= rtt.average && rtt.average <= rtt.maximum)
    }

    @Test("a silent server gives one timeout per ping, 100% loss and no RTT line")
    func silentServer() throws {
        let server = try FakeUDPPeer { _, _, _ in }
        defer { server.stop() }
        let (summary, events) = try runClient(against: server.address, count: 3, timeout: 0.1)
        #expect(events == [.timeout(sequence: 1), .timeout(sequence: 2), .timeout(sequence: 3)])
        #expect(summary == PingSummary(transmitted: 3, received: 0, rtt: nil))
        #expect(summary.lossPercent == 100)
    }

    @Test("against a seeded lossy server, exactly the dropped pings are counted lost")
    func lossAccounting() throws {
        for seed: UInt64 in [3, 17] {
            let random = Mutex(SeededRandom(seed: seed))
            let dropped = Mutex<Set<Int>>([])
            let server = try scriptedServer { message, reply in
                if random.withLock({ $0.chance(0.4) }) {
                    dropped.withLock { _ = $0.insert(message.sequence) }
                    return []
                }
                return [reply]
            }
            defer { server.stop() }
            // 0.5 s is roomy: a loaded grader must not turn a late reply into a loss.
            let (summary, events) = try runClient(against: server.address, count: 20, timeout: 0.5)
            let lost = dropped.withLock { $0 }
            #expect(summary.transmitted == 20)
            #expect(summary.received == 20 - lost.count, "seed \(seed): the server dropped \(lost.sorted())")
            #expect(Set(events.compactMap(\.timeoutSequence)) == lost, "seed \(seed): timeouts should be exactly the dropped pings")
        }
    }

    @Test("a reply that arrives after its timeout is reported late and not counted")
    func lateReplyNotCounted() throws {
        // The server sits on ping 2 for 0.7 s; the client gives up on it after 0.5 s. The late
        // reply then arrives while the client waits for ping 3, and must not be taken for it.
        let server = try scriptedServer { message, reply in
            if message.sequence == 2 { sleep(seconds: 0.7) }
            return [reply]
        }
        defer { server.stop() }
        let (summary, events) = try runClient(against: server.address, count: 4, timeout: 0.5)
        #expect(events.contains(.timeout(sequence: 2)))
        #expect(events.contains(.late(sequence: 2)))
        #expect(events.compactMap(\.replySequence) == [1, 3, 4])
        #expect(summary.received == 3)
    }

    @Test("duplicated replies are counted once")
    func duplicatesCountedOnce() throws {
        let server = try scriptedServer { _, reply in [reply, reply, reply] }
        defer { server.stop() }
        let (summary, events) = try runClient(against: server.address, count: 5, interval: 0.05)
        #expect(summary.transmitted == 5)
        #expect(summary.received == 5)
        #expect(events.compactMap(\.replySequence) == [1, 2, 3, 4, 5])
        #expect(events.contains(.duplicate(sequence: 1)))
    }

    @Test("replies with a sequence number never sent are ignored")
    func unknownSequenceIgnored() throws {
        let server = try FakeUDPPeer { datagram, sender, socket in
            guard let message = try? PingMessage.decode(datagram) else { return }
            try? socket.send(Array("PING \(message.sequence + 100) 1.0".utf8), to: sender)
        }
        defer { server.stop() }
        let (summary, events) = try runClient(against: server.address, count: 2, timeout: 0.2)
        #expect(summary.received == 0)
        #expect(events.compactMap(\.timeoutSequence) == [1, 2])
    }

    @Test("replies from an address other than the server's are ignored")
    func foreignSenderIgnored() throws {
        let impostor = try testUDPSocket()
        let server = try FakeUDPPeer { datagram, sender, _ in
            let capitals = datagram.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }
            try? impostor.send(capitals, to: sender)  // the right words, from the wrong port
        }
        defer { server.stop() }
        let (summary, events) = try runClient(against: server.address, count: 2, timeout: 0.2)
        #expect(summary.received == 0)
        #expect(events.compactMap(\.timeoutSequence) == [1, 2])
    }

    @Test("RTTs are measured by the client: a server that waits 50 ms gives RTTs of 50 ms or more")
    func rttReflectsDelay() throws {
        let server = try scriptedServer { _, reply in
            sleep(seconds: 0.05)
            return [reply]
        }
        defer { server.stop() }
        let (summary, _) = try runClient(against: server.address, count: 3)
        let rtt = try #require(summary.rtt)
        #expect(rtt.minimum >= 50, "the server held each reply 50 ms; the smallest RTT was \(rtt.minimum) ms")
        #expect(rtt.maximum < 1000)
    }

    @Test("event lines read like ping(8)'s")
    func eventLines() throws {
        let from = try SocketAddress(ip: "127.0.0.1", port: 12000)
        #expect(try PingReport.line(for: .reply(sequence: 1, milliseconds: 0.1234, bytes: 24, from: from))
                == "24 bytes from 127.0.0.1: seq=1 time=0.123 ms")
        #expect(try PingReport.line(for: .timeout(sequence: 3)) == "Request timeout for seq 3")
        #expect(try PingReport.line(for: .stray(bytes: 3, from: from)) == nil)
    }

    @Test("the summary reads like ping(8)'s, loss with up to six significant digits")
    func summaryLines() throws {
        let rtt = RTTSummary(minimum: 0.045, average: 0.067, maximum: 0.089, meanDeviation: 0.012)
        #expect(try PingReport.summary(host: "localhost", PingSummary(transmitted: 10, received: 8, rtt: rtt)) == [
            "--- localhost ping statistics ---",
            "10 packets transmitted, 8 received, 20% packet loss",
            "rtt min/avg/max/mdev = 0.045/0.067/0.089/0.012 ms",
        ])
        #expect(try PingReport.summary(host: "h", PingSummary(transmitted: 3, received: 2, rtt: rtt))[1]
                == "3 packets transmitted, 2 received, 33.3333% packet loss")
        #expect(try PingReport.summary(host: "h", PingSummary(transmitted: 4, received: 0, rtt: nil)) == [
            "--- h ping statistics ---",
            "4 packets transmitted, 0 received, 100% packet loss",
        ])
    }

    @Test("client and server binaries: the printed loss matches the replies seen, exit 0")
    func binariesEndToEnd() throws {
        let server = try LabProcess.launch("lab01-ping", ["server", "--port", "0", "--loss", "0.3", "--seed", "5"])
        defer { server.stop() }
        let address = try server.waitForListening(scheme: "udp")
        let run = try LabProcess.run("lab01-ping", [
            "client", "127.0.0.1", "--port", "\(address.port)", "--count", "20", "--interval", "0", "--timeout", "0.3",
        ])
        let lines = run.stdoutLines
        let replies = lines.filter { $0.contains("bytes from 127.0.0.1: seq=") }.count
        let timeouts = lines.filter { $0.hasPrefix("Request timeout for seq ") }.count
        #expect(run.exitCode == 0, "\(run)")
        #expect(replies + timeouts == 20, "\(run)")
        #expect(timeouts > 0, "--loss 0.3 over 20 pings should lose some (seed 5)")
        let loss = significant(Double(timeouts) * 100 / 20)
        #expect(lines.contains("20 packets transmitted, \(replies) received, \(loss)% packet loss"), "\(run)")
        #expect(lines.contains { $0.hasPrefix("rtt min/avg/max/mdev = ") && $0.hasSuffix(" ms") }, "\(run)")
    }

    @Test("the client binary exits 1 when no reply comes, as ping does")
    func binaryExitsOneWithoutReplies() throws {
        let silent = try FakeUDPPeer { _, _, _ in }
        defer { silent.stop() }
        let run = try LabProcess.run("lab01-ping", [
            "client", "127.0.0.1", "--port", "\(silent.address.port)", "--count", "2", "--interval", "0", "--timeout", "0.1",
        ])
        #expect(run.exitCode == 1, "\(run)")
        #expect(run.stdoutLines.contains("2 packets transmitted, 0 received, 100% packet loss"), "\(run)")
    }
}
