import Lab08RUDP
import NetLabChannel
import NetLabKit
import NetLabTesting
import Testing

@Suite struct CongestionControlTests {
    @Test("slow start doubles the window every round trip until ssthresh")
    func slowStart() throws {
        var control = CongestionControl(initialWindow: 1, initialThreshold: 16, maximumWindow: 1000)
        var windows = [control.window]
        for _ in 0..<4 {
            try control.acknowledged(segments: control.window)  // one round trip: the whole window is acked
            windows.append(control.window)
        }
        #expect(windows == [1, 2, 4, 8, 16])
        #expect(control.phase == .congestionAvoidance, "at ssthresh, slow start ends")
    }

    @Test("congestion avoidance adds about one segment per round trip")
    func additiveIncrease() throws {
        var control = CongestionControl(initialWindow: 10, initialThreshold: 10, maximumWindow: 1000)
        for _ in 0..<10 { try control.acknowledged(segments: 1) }
        #expect(control.cwnd > 10.9 && control.cwnd < 11, "each ACK adds 1/cwnd: 10 ACKs take 10 to just under 11, got \(control.cwnd)")
        for _ in 0..<11 { try control.acknowledged(segments: 1) }
        #expect(control.window == 11 || control.window == 12)
        #expect(control.cwnd < 12)
    }

    @Test("the third duplicate ACK halves the window and asks for a retransmission, once")
    func fastRetransmit() throws {
        var control = CongestionControl(initialWindow: 20, initialThreshold: 10, maximumWindow: 1000)
        #expect(try control.duplicateAcknowledgment() == false)
        #expect(try control.duplicateAcknowledgment() == false)
        #expect(control.cwnd == 20, "two duplicates change nothing")
        #expect(try control.duplicateAcknowledgment() == true, "the third one triggers fast retransmit")
        #expect(control.ssthresh == 10, "ssthresh = cwnd / 2")
        #expect(control.cwnd == 10, "cwnd = ssthresh")
        #expect(try control.duplicateAcknowledgment() == false, "a fourth does not retransmit again")
        #expect(control.cwnd == 10)
    }

    @Test("a new ACK resets the duplicate count")
    func newAckResets() throws {
        var control = CongestionControl(initialWindow: 8, initialThreshold: 4, maximumWindow: 1000)
        _ = try control.duplicateAcknowledgment()
        _ = try control.duplicateAcknowledgment()
        try control.acknowledged(segments: 1)
        #expect(try control.duplicateAcknowledgment() == false)
        #expect(try control.duplicateAcknowledgment() == false)
        #expect(try control.duplicateAcknowledgment() == true, "three in a row after the reset")
    }

    @Test("a timeout halves ssthresh and restarts slow start from one segment")
    func timeout() throws {
        var control = CongestionControl(initialWindow: 12, initialThreshold: 8, maximumWindow: 1000)
        try control.timedOut()
        #expect(control.cwnd == 1)
        #expect(control.ssthresh == 6)
        #expect(control.phase == .slowStart)
        try control.acknowledged(segments: 1)
        #expect(control.cwnd == 2, "slow start again")
    }

    @Test("ssthresh never falls below two segments, cwnd never above the maximum")
    func limits() throws {
        var control = CongestionControl(initialWindow: 3, initialThreshold: 64, maximumWindow: 5)
        try control.timedOut()
        #expect(control.ssthresh == 2)
        try control.timedOut()
        #expect(control.ssthresh == 2)
        for _ in 0..<50 { try control.acknowledged(segments: 1) }
        #expect(control.cwnd == 5)
    }

    @Test("a scripted run leaves the textbook trace")
    func scriptedTrace() throws {
        var control = CongestionControl(initialWindow: 1, initialThreshold: 4, maximumWindow: 100)
        var trace: [String] = []
        func note() { trace.append("\(control.cwnd)/\(control.ssthresh)") }
        for _ in 0..<3 { try control.acknowledged(segments: 1); note() }   // 2, 3, 4
        try control.acknowledged(segments: 1); note()                       // 4 + 1/4
        for _ in 0..<3 { _ = try control.duplicateAcknowledgment() }; note() // halve
        try control.timedOut(); note()                                      // back to 1
        try control.acknowledged(segments: 1); note()                       // 2 (slow start)
        #expect(trace == ["2.0/4.0", "3.0/4.0", "4.0/4.0", "4.25/4.0", "2.125/2.125", "1.0/2.0", "2.0/2.0"])
    }

    @Test("a real transfer's trace obeys AIMD: halving on 3 dup ACKs, 1 on timeout, growth in between", arguments: [31, 32] as [UInt64])
    func realTrace(seed: UInt64) throws {
        var options = Fixture.options()
        options.recordsTrace = true
        options.receiveWindow = 256
        var faults = Faults(seed: seed)
        faults.loss = 0.03
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: options)
        defer { listener.close() }
        let server = Outcome<[UInt8]>()
        startThread { server.finish { let c = try listener.accept(timeout: 30); let r = try Fixture.readToEnd(c); try c.close(); return r } }
        let client = try RUDPConnection.connect(to: listener.localAddress, faults: faults, options: options)
        let payload = Fixture.payload(seed: seed, count: 300_000)
        try client.send(payload)
        try client.close()
        #expect(try server.wait(timeout: 60) == payload, Fixture.replay(faults))
        let events = try #require(client.trace?.snapshot)
        let losses = events.filter { $0.event == "fast-retransmit" || $0.event == "timeout" }
        #expect(!losses.isEmpty, "3% loss over 600 segments must cause a loss event")
        for (previous, event) in zip(events, events.dropFirst()) {
            switch event.event {
            case "timeout":
                #expect(event.cwnd == 1, "a timeout sets cwnd to 1 (\(Fixture.replay(faults)))")
                #expect(abs(event.ssthresh - max(previous.cwnd / 2, 2)) < 0.01, "ssthresh = old cwnd / 2 at t=\(event.time)")
            case "fast-retransmit":
                #expect(abs(event.cwnd - max(previous.cwnd / 2, 2)) < 0.01, "fast retransmit halves cwnd at t=\(event.time): \(previous.cwnd) → \(event.cwnd)")
                #expect(event.cwnd == event.ssthresh)
            default:
                #expect(event.cwnd >= previous.cwnd, "without loss the window only grows (t=\(event.time))")
            }
        }
    }

    @Test("three duplicate ACKs make the sender resend at once, long before its timer")
    func fastRetransmitOnTheWire() throws {
        let fake = try testUDPSocket(timeout: 5)
        defer { fake.close() }
        var options = Fixture.options(mss: 100)
        options.initialRTO = 3  // a timeout cannot explain a resend within a second
        options.minimumRTO = 3
        options.maximumRTO = 3
        options.initialWindow = 10
        let address = try fake.localAddress()
        let connected = Outcome<RUDPConnection>()
        let fixed = options
        startThread { connected.finish { try RUDPConnection.connect(to: address, options: fixed) } }
        // Play the server's half of the handshake by hand.
        let (synBytes, client) = try fake.receive()
        let syn = try Segment.decode(synBytes)
        try #require(syn.flags == [.syn])
        let synAck = Segment(flags: [.syn, .ack], connectionID: syn.connectionID, sequence: 5000, acknowledgment: syn.sequence &+ 1, window: 64)
        try fake.send(try synAck.encode(), to: client)
        let connection = try connected.wait(timeout: 10)
        try connection.send(Fixture.payload(seed: 3, count: 1000))  // ten segments
        var first: Segment?
        var count = 0
        try fake.setReceiveTimeout(1)
        while count < 10, let (bytes, _) = try? fake.receive() {
            guard let segment = try? Segment.decode(bytes), segment.flags.contains(.data) else { continue }
            if first == nil { first = segment }
            count += 1
        }
        let lost = try #require(first, "the client sent data")
        // "Lose" the first segment: acknowledge only up to it, three times.
        let duplicate = Segment(flags: [.ack], connectionID: syn.connectionID, sequence: 5001, acknowledgment: lost.sequence, window: 64)
        for _ in 0..<2 { try fake.send(try duplicate.encode(), to: client) }
        var resent = false
        try fake.setReceiveTimeout(0.3)
        while let (bytes, _) = try? fake.receive() {
            if let segment = try? Segment.decode(bytes), segment.sequence == lost.sequence, segment.flags.contains(.data) { resent = true }
        }
        #expect(!resent, "two duplicate ACKs are not enough to resend")
        try fake.send(try duplicate.encode(), to: client)
        try fake.setReceiveTimeout(1)
        while !resent, let (bytes, _) = try? fake.receive() {
            if let segment = try? Segment.decode(bytes), segment.sequence == lost.sequence, segment.flags.contains(.data) { resent = true }
        }
        #expect(resent, "the third duplicate ACK must trigger an immediate retransmission")
        #expect(connection.stats.fastRetransmits == 1)
    }
}
