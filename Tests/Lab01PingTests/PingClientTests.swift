import Lab01Ping
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

/// Part 4 in its steps: 1, the bookkeeping (no sockets: datagrams are byte arrays, times are
/// numbers); 2, sending one ping; 3, waiting for one reply; then the given loop that calls them.
@Suite("Part 4: ping client")
struct PingClientTests {
    static let server = try! SocketAddress(ip: "127.0.0.1", port: 12000)

    /// `text` as bytes, as the server's echo of a ping.
    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("step 1: the first answer to a ping sent is a reply, with its RTT in milliseconds")
    func tallyReply() throws {
        var tally = PingTally(server: Self.server)
        try tally.sent(1, at: 10)
        let event = try tally.classify(bytes("PING 1 1.000000"), from: Self.server, at: 10.03125)
        let expected = PingEvent.reply(sequence: 1, milliseconds: 31.25, bytes: 15, from: Self.server)
        #expect(event == expected, "ping 1 sent at 10 s, 'PING 1 1.000000' from the server at 10.03125 s")
    }

    @Test("step 1: a second answer to the same ping is a duplicate, and is not counted again")
    func tallyDuplicate() throws {
        var tally = PingTally(server: Self.server)
        try tally.sent(1, at: 0)
        _ = try tally.classify(bytes("PING 1 1.0"), from: Self.server, at: 0.5)
        let again = try tally.classify(bytes("PING 1 1.0"), from: Self.server, at: 0.75)
        #expect(again == .duplicate(sequence: 1), "ping 1 answered at 0.5 s, then again at 0.75 s")
        let summary = try tally.summary()
        let expected = PingSummary(
            transmitted: 1, received: 1, rtt: RTTSummary(minimum: 500, average: 500, maximum: 500, meanDeviation: 0))
        #expect(summary == expected, "ping 1 sent at 0 s, answered at 0.5 s and again at 0.75 s")
    }

    @Test("step 1: an answer to a ping that timed out is late, and the ping stays lost")
    func tallyLate() throws {
        var tally = PingTally(server: Self.server)
        try tally.sent(1, at: 0)
        try tally.timedOut(1)
        let event = try tally.classify(bytes("PING 1 1.0"), from: Self.server, at: 2)
        #expect(event == .late(sequence: 1), "ping 1 sent at 0 s and timed out, then answered at 2 s")
        let again = try tally.classify(bytes("PING 1 1.0"), from: Self.server, at: 3)
        #expect(again == .late(sequence: 1), "ping 1 timed out, then answered at 2 s and again at 3 s")
        let summary = try tally.summary()
        #expect(summary == PingSummary(transmitted: 1, received: 0, rtt: nil), "ping 1 timed out, answered late")
    }

    static let strays: [(String, String, UInt16)] = [
        ("from another port", "PING 1 1.0", 12001),
        ("a sequence number never sent", "PING 2 1.0", 12000),
        ("a heartbeat", "HEARTBEAT 1 1.0", 12000),
        ("not a ping message", "hello", 12000),
        ("empty", "", 12000),
    ]

    @Test("step 1: anything that answers no ping we sent is a stray", arguments: strays)
    func tallyStrays(label: String, text: String, port: UInt16) throws {
        var tally = PingTally(server: Self.server)
        try tally.sent(1, at: 0)
        let sender = try SocketAddress(ip: "127.0.0.1", port: port)
        let event = try tally.classify(bytes(text), from: sender, at: 0.5)
        #expect(event == .stray(bytes: text.utf8.count, from: sender), "\(label): '\(text)' from \(sender)")
        let reply = try tally.classify(bytes("PING 1 1.0"), from: Self.server, at: 0.75)
        #expect(reply.replySequence == 1, "after the stray, ping 1's real reply is still a reply: got \(reply)")
    }

    @Test("step 1: the summary counts pings sent and replies, with the RTTs of the replies only")
    func tallySummary() throws {
        var tally = PingTally(server: Self.server)
        for (sequence, time) in [(1, 0.0), (2, 10.0), (3, 20.0)] { try tally.sent(sequence, at: time) }
        let first = try tally.classify(bytes("PING 2 1.0"), from: Self.server, at: 10.25)
        let second = try tally.classify(bytes("PING 1 1.0"), from: Self.server, at: 20.5)
        try tally.timedOut(3)
        _ = try tally.classify(bytes("PING 3 1.0"), from: Self.server, at: 30)
        let script = "pings 1, 2, 3 sent at 0, 10, 20 s; 2 answered at 10.25 s, 1 at 20.5 s, 3 timed out, late"
        #expect(first.replySequence == 2 && second.replySequence == 1, "\(script): got \(first), \(second)")
        let summary = try tally.summary()
        let rtt = RTTSummary(minimum: 250, average: 10_375, maximum: 20_500, meanDeviation: 10_125)
        #expect(summary == PingSummary(transmitted: 3, received: 2, rtt: rtt), "\(script)")
    }

    @Test(
        "step 1: loss is the percentage of pings sent that got no reply (0 when none was sent)",
        arguments: [(10, 8, 20.0), (3, 2, 100.0 / 3), (4, 0, 100.0), (5, 5, 0.0), (0, 0, 0.0)])
    func tallyLossPercent(transmitted: Int, received: Int, expected: Double) {
        let loss = PingSummary(transmitted: transmitted, received: received, rtt: nil).lossPercent
        #expect(abs(loss - expected) < 1e-9, "\(transmitted) transmitted, \(received) received: \(loss)%")
    }

    // Step 2: sending one ping.

    @Test("step 2: sendPing sends 'Ping <seq> <wall-clock time>' and records the send time by the clock")
    func sendsOnePing() throws {
        let peer = try FakeUDPPeer { datagram, sender, socket in try? socket.send(capitals(datagram), to: sender) }
        defer { peer.stop() }
        let clock = ManualTime(42)
        let client = PingClient(configuration: .init(server: peer.address), clock: clock)
        let socket = try testUDPSocket()
        var tally = PingTally(server: peer.address)
        let start = try client.sendPing(7, on: socket, tally: &tally)
        #expect(start == 42, "the clock said 42 when ping 7 was sent")
        let (echo, from) = try socket.receive()
        let text = String(decoding: echo, as: UTF8.self)
        let message = try PingMessage.decode(echo)
        #expect(message.kind == .ping && message.sequence == 7, "ping 7 reached the server as '\(text)'")
        let now = SystemTime.wallClock()
        #expect(abs(message.timestamp - now) < 3600, "the timestamp is the wall clock (\(now)): '\(text)'")
        let event = try tally.classify(echo, from: from, at: 42.5)
        #expect(event.replySequence == 7, "the tally knows ping 7 was sent: its echo '\(text)' gave \(event)")
        #expect(event == .reply(sequence: 7, milliseconds: 500, bytes: echo.count, from: from),
                "ping 7 sent at 42 s by the clock, its echo classified at 42.5 s")
        let defaults = client.configuration
        let (count, timeout, interval) = (defaults.count, defaults.timeout, defaults.interval)
        #expect(count == 10 && timeout == 1 && interval == 1,
                "Configuration(server:) gave count \(count), timeout \(timeout), interval \(interval); want 10, 1, 1")
    }

    // Step 3: waiting for one ping's reply, or until a deadline.

    @Test("step 3: receive reports what arrives and returns true at the reply it waits for, reading no further")
    func receiveStopsAtTheReply() throws {
        // After ping 1 the server sends a stray of 3000 bytes, the reply, then a duplicate.
        let peer = try FakeUDPPeer { datagram, sender, socket in
            try? socket.send([UInt8](repeating: 0x61, count: 3000), to: sender)
            try? socket.send(capitals(datagram), to: sender)
            try? socket.send(capitals(datagram), to: sender)
        }
        defer { peer.stop() }
        let clock = SystemTime()
        let client = PingClient(configuration: .init(server: peer.address), clock: clock)
        let socket = try testUDPSocket()
        var tally = PingTally(server: peer.address)
        let start = try client.sendPing(1, on: socket, tally: &tally)
        var events: [PingEvent] = []
        let answered = try client.receive(
            on: socket, until: start + 5, waitingFor: 1, tally: &tally) { events.append($0) }
        #expect(answered, "the reply to ping 1 came (events: \(events))")
        #expect(events.count == 2 && events.first == .stray(bytes: 3000, from: peer.address)
                && events.last?.replySequence == 1, "the server sent 3000 bytes of 'a', then the reply to ping 1")
        var rest: [PingEvent] = []
        let more = try client.receive(
            on: socket, until: clock.now() + 0.5, waitingFor: nil, tally: &tally) { rest.append($0) }
        #expect(!more, "waiting for nothing: receive returns false at the deadline")
        #expect(rest == [.duplicate(sequence: 1)], "the duplicate was left for the next wait, which reports it")
    }

    @Test("step 3: once the deadline has passed, receive returns false, even with a reply waiting")
    func receiveHonoursThePastDeadline() throws {
        let peer = try FakeUDPPeer { datagram, sender, socket in try? socket.send(capitals(datagram), to: sender) }
        defer { peer.stop() }
        let clock = ManualTime(100)
        let client = PingClient(configuration: .init(server: peer.address), clock: clock)
        let socket = try testUDPSocket()
        var tally = PingTally(server: peer.address)
        let start = try client.sendPing(1, on: socket, tally: &tally)
        let arrived = try socket.waitUntilReadable(timeout: 2)
        #expect(arrived, "the server's reply to ping 1 should have arrived")
        clock.advance(by: 1.5)
        var events: [PingEvent] = []
        let answered = try client.receive(on: socket, until: start + 1, waitingFor: 1, tally: &tally) {
            events.append($0)
        }
        #expect(!answered && events.isEmpty, "timeout 1 s, 1.5 s gone by the clock: too late (\(events))")
        try tally.timedOut(1)
        clock.advance(by: 0.25)
        let late = try client.receive(on: socket, until: clock.now() + 0.5, waitingFor: nil, tally: &tally) {
            events.append($0)
        }
        #expect(!late && events == [.late(sequence: 1)], "the reply, read after the timeout, is late")
    }

    // The whole run: the given loop calling your steps.

    @Test("when every ping is answered: N transmitted, N received, RTTs measured")
    func allAnswered() throws {
        let server = try scriptedServer { _, reply in [reply] }
        defer { server.stop() }
        let (summary, events) = try runClient(against: server.address, count: 5)
        #expect(summary.transmitted == 5 && summary.received == 5, "5 pings, all answered: \(summary)")
        #expect(summary.lossPercent == 0, "5 pings, all answered: \(summary)")
        #expect(events.compactMap(\.replySequence) == [1, 2, 3, 4, 5], "one reply per ping, in order: \(events)")
        let rtt = try #require(summary.rtt, "5 pings, all answered, but no RTTs")
        #expect(rtt.minimum > 0 && rtt.minimum <= rtt.average && rtt.average <= rtt.maximum, "\(rtt)")
    }

    @Test("a silent server gives one timeout per ping, 100% loss and no RTT line")
    func silentServer() throws {
        let server = try FakeUDPPeer { _, _, _ in }
        defer { server.stop() }
        let (summary, events) = try runClient(against: server.address, count: 3, timeout: 0.1)
        #expect(events == [.timeout(sequence: 1), .timeout(sequence: 2), .timeout(sequence: 3)], "3 pings, no answer")
        #expect(summary == PingSummary(transmitted: 3, received: 0, rtt: nil), "3 pings, no answer")
        #expect(summary.lossPercent == 100, "3 pings, no answer: \(summary)")
    }

    @Test("a count of 0 sends nothing, and a count of 1 sends one ping")
    func countZeroAndOne() throws {
        let server = try scriptedServer { _, reply in [reply] }
        defer { server.stop() }
        let (none, noEvents) = try runClient(against: server.address, count: 0)
        #expect(none == PingSummary(transmitted: 0, received: 0, rtt: nil) && noEvents.isEmpty, "count 0: \(noEvents)")
        let (one, events) = try runClient(against: server.address, count: 1)
        #expect(one.transmitted == 1 && one.received == 1, "count 1: \(one)")
        #expect(events.map(\.brief) == ["reply 1"], "count 1: \(events)")
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
            #expect(summary.transmitted == 20, "seed \(seed): \(summary)")
            #expect(summary.received == 20 - lost.count, "seed \(seed): the server dropped \(lost.sorted())")
            let timeouts = Set(events.compactMap(\.timeoutSequence))
            #expect(timeouts == lost, "seed \(seed): timeouts should be exactly the dropped pings")
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
        #expect(events.contains(.timeout(sequence: 2)), "ping 2 answered after 0.7 s, timeout 0.5 s: \(events)")
        #expect(events.contains(.late(sequence: 2)), "ping 2 answered after 0.7 s, timeout 0.5 s: \(events)")
        #expect(events.compactMap(\.replySequence) == [1, 3, 4], "ping 2 answered after 0.7 s: \(events)")
        #expect(summary.received == 3, "ping 2 answered after 0.7 s, timeout 0.5 s: \(summary)")
    }

    @Test("duplicated replies are counted once")
    func duplicatesCountedOnce() throws {
        let server = try scriptedServer { _, reply in [reply, reply, reply] }
        defer { server.stop() }
        let (summary, events) = try runClient(against: server.address, count: 5, interval: 0.05)
        #expect(summary.transmitted == 5 && summary.received == 5, "every reply sent three times: \(summary)")
        #expect(events.compactMap(\.replySequence) == [1, 2, 3, 4, 5], "every reply sent three times: \(events)")
        #expect(events.contains(.duplicate(sequence: 1)), "every reply sent three times: \(events)")
    }

    @Test("pings go out one interval apart, and after the last reply the client stops at once")
    func intervalBetweenPingsOnly() throws {
        let arrivals = Mutex<[Double]>([])
        let clock = SystemTime()
        let server = try scriptedServer { _, reply in
            arrivals.withLock { $0.append(clock.now()) }
            return [reply, reply]
        }
        defer { server.stop() }
        let (summary, events) = try runClient(against: server.address, count: 3, interval: 0.5)
        let times = arrivals.withLock { $0 }
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        // A loose bound: a busy machine may be late to read one ping, never early.
        #expect(gaps.count == 2 && gaps.allSatisfy { $0 >= 0.25 }, "--interval 0.5: pings came \(gaps) s apart")
        // The duplicate of the last reply comes after the run is over: the client never reads it.
        let seen = events.map(\.brief)
        #expect(seen == ["reply 1", "duplicate 1", "reply 2", "duplicate 2", "reply 3"],
                "each reply sent twice, --interval 0.5: \(events)")
        #expect(summary.received == 3, "\(summary)")
    }

    @Test("replies with a sequence number never sent are ignored")
    func unknownSequenceIgnored() throws {
        let server = try FakeUDPPeer { datagram, sender, socket in
            guard let message = try? PingMessage.decode(datagram) else { return }
            try? socket.send(Array("PING \(message.sequence + 100) 1.0".utf8), to: sender)
        }
        defer { server.stop() }
        let (summary, events) = try runClient(against: server.address, count: 2, timeout: 0.2)
        #expect(summary.received == 0, "the server answers ping N with 'PING N+100 1.0': \(summary)")
        #expect(events.compactMap(\.timeoutSequence) == [1, 2], "the server answers ping N with N+100: \(events)")
    }

    @Test("replies from an address other than the server's are ignored")
    func foreignSenderIgnored() throws {
        let impostor = try testUDPSocket()
        let server = try FakeUDPPeer { datagram, sender, _ in
            try? impostor.send(capitals(datagram), to: sender)  // the right words, from the wrong port
        }
        defer { server.stop() }
        let (summary, events) = try runClient(against: server.address, count: 2, timeout: 0.2)
        #expect(summary.received == 0, "the replies came from another port: \(summary)")
        #expect(events.compactMap(\.timeoutSequence) == [1, 2], "the replies came from another port: \(events)")
    }

    @Test("RTTs are measured by the client: a server that waits 50 ms gives RTTs of 50 ms or more")
    func rttReflectsDelay() throws {
        let server = try scriptedServer { _, reply in
            sleep(seconds: 0.05)
            return [reply]
        }
        defer { server.stop() }
        let (summary, _) = try runClient(against: server.address, count: 3)
        let rtt = try #require(summary.rtt, "3 pings answered after 50 ms each, but no RTTs: \(summary)")
        #expect(rtt.minimum >= 50, "the server held each reply 50 ms; the smallest RTT was \(rtt.minimum) ms")
        #expect(rtt.maximum < 1000, "the server held each reply 50 ms; the largest RTT was \(rtt.maximum) ms")
    }

    static let eventLines: [(PingEvent, String?)] = [
        (.reply(sequence: 1, milliseconds: 0.1234, bytes: 24, from: server),
         "24 bytes from 127.0.0.1: seq=1 time=0.123 ms"),
        (.reply(sequence: 12, milliseconds: 15.6789, bytes: 25, from: server),
         "25 bytes from 127.0.0.1: seq=12 time=15.679 ms"),
        (.timeout(sequence: 3), "Request timeout for seq 3"),
        (.late(sequence: 3), "late reply for seq 3 (already counted as lost)"),
        (.duplicate(sequence: 2), "duplicate reply for seq 2 (not counted)"),
        (.stray(bytes: 3, from: server), nil),
    ]

    @Test("event lines read like ping(8)'s", arguments: eventLines)
    func eventLine(event: PingEvent, expected: String?) throws {
        let line = try PingReport.line(for: event)
        #expect(line == expected, "line(for: \(event))")
    }

    @Test("the summary reads like ping(8)'s, loss with up to six significant digits")
    func summaryLines() throws {
        let rtt = RTTSummary(minimum: 0.045, average: 0.067, maximum: 0.089, meanDeviation: 0.012)
        let ten = try PingReport.summary(host: "localhost", PingSummary(transmitted: 10, received: 8, rtt: rtt))
        #expect(ten == [
            "--- localhost ping statistics ---",
            "10 packets transmitted, 8 received, 20% packet loss",
            "rtt min/avg/max/mdev = 0.045/0.067/0.089/0.012 ms",
        ], "host localhost, 10 transmitted, 8 received, \(rtt)")
        let three = try PingReport.summary(host: "h", PingSummary(transmitted: 3, received: 2, rtt: rtt))
        #expect(three.dropFirst().first == "3 packets transmitted, 2 received, 33.3333% packet loss",
                "host h, 3 transmitted, 2 received: \(three)")
        let none = try PingReport.summary(host: "h", PingSummary(transmitted: 4, received: 0, rtt: nil))
        #expect(none == [
            "--- h ping statistics ---",
            "4 packets transmitted, 0 received, 100% packet loss",
        ], "host h, 4 transmitted, 0 received, no RTTs")
    }

    @Test("client and server binaries: the printed loss matches the replies seen, exit 0")
    func binariesEndToEnd() throws {
        let server = try LabProcess.launch("lab01-ping", ["server", "--port", "0", "--loss", "0.3", "--seed", "5"])
        defer { server.stop() }
        let address = try server.waitForListening(scheme: "udp")
        let run = try LabProcess.run("lab01-ping", [
            "client", "127.0.0.1", "--port", "\(address.port)", "--count", "20", "--interval", "0",
            "--timeout", "0.3",
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
            "client", "127.0.0.1", "--port", "\(silent.address.port)", "--count", "2", "--interval", "0",
            "--timeout", "0.1",
        ])
        #expect(run.exitCode == 1, "\(run)")
        #expect(run.stdoutLines.contains("2 packets transmitted, 0 received, 100% packet loss"), "\(run)")
    }
}
