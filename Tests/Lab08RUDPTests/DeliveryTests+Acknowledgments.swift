import Lab08RUDP
import NetLabChannel
import NetLabKit
import NetLabTesting
import Testing

/// Go-Back-N's acknowledgements seen from outside: fast retransmit on the wire, the
/// congestion window over a real transfer, and ACKs that must be ignored.
extension DeliveryTests {
    @Test(
        "a real transfer's trace obeys AIMD: halving on 3 dup ACKs, 1 on timeout, growth in between",
        arguments: [31, 32] as [UInt64])
    func realTrace(seed: UInt64) throws {
        var options = Fixture.options()
        options.recordsTrace = true
        options.receiveWindow = 256
        var faults = Faults(seed: seed)
        faults.loss = 0.03
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: options)
        defer { listener.close() }
        let server = Outcome<[UInt8]>()
        let payload = Fixture.payload(seed: seed, count: 300_000)
        startThread {
            server.finish {
                let connection = try listener.accept(timeout: 30)
                defer { try? connection.close() }
                return try Fixture.read(payload.count, from: connection)
            }
        }
        let client = try RUDPConnection.connect(to: listener.localAddress, faults: faults, options: options)
        defer { try? client.close() }
        try client.send(payload)
        let received = try server.wait(timeout: 60)
        #expect(received == payload, Fixture.replay(faults))
        let events = try #require(client.trace?.snapshot)
        let losses = events.filter { $0.event == "fast-retransmit" || $0.event == "timeout" }
        #expect(!losses.isEmpty, "3% loss over 600 segments must cause a loss event")
        for (previous, event) in zip(events, events.dropFirst()) {
            switch event.event {
            case "timeout":
                #expect(event.cwnd == 1, "a timeout sets cwnd to 1 (\(Fixture.replay(faults)))")
                #expect(
                    abs(event.ssthresh - max(previous.cwnd / 2, 2)) < 0.01, "ssthresh = old cwnd / 2 at t=\(event.time)"
                )
            case "fast-retransmit":
                #expect(
                    abs(event.cwnd - max(previous.cwnd / 2, 2)) < 0.01,
                    "fast retransmit halves cwnd at t=\(event.time): \(previous.cwnd) → \(event.cwnd)")
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
        let synAck = Segment(
            flags: [.syn, .ack], connectionID: syn.connectionID, sequence: 5000, acknowledgment: syn.sequence &+ 1,
            window: 64)
        try fake.send(try synAck.encode(), to: client)
        let connection = try connected.wait(timeout: 10)
        defer { try? connection.close() }
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
        let duplicate = Segment(
            flags: [.ack], connectionID: syn.connectionID, sequence: 5001, acknowledgment: lost.sequence, window: 64)
        for _ in 0..<2 { try fake.send(try duplicate.encode(), to: client) }
        var resent = false
        try fake.setReceiveTimeout(0.3)
        while let (bytes, _) = try? fake.receive() {
            if let segment = try? Segment.decode(bytes), segment.sequence == lost.sequence,
                segment.flags.contains(.data)
            {
                resent = true
            }
        }
        #expect(!resent, "two duplicate ACKs are not enough to resend")
        try fake.send(try duplicate.encode(), to: client)
        try fake.setReceiveTimeout(1)
        while !resent, let (bytes, _) = try? fake.receive() {
            if let segment = try? Segment.decode(bytes), segment.sequence == lost.sequence,
                segment.flags.contains(.data)
            {
                resent = true
            }
        }
        #expect(resent, "the third duplicate ACK must trigger an immediate retransmission")
        let fastRetransmits = connection.stats.fastRetransmits
        #expect(fastRetransmits == 1, "fast retransmits counted in stats")
    }

    @Test("an ACK that only changes the window is a window update, not a duplicate (RFC 5681 §2)")
    func windowUpdatesAreNotDuplicates() throws {
        var options = Fixture.options(mss: 100)
        options.initialRTO = 3  // a timeout cannot explain a resend within a second
        options.minimumRTO = 3
        options.maximumRTO = 3
        options.initialWindow = 10
        let server = try HandPlayedServer(options: options)
        defer { server.socket.close() }
        defer { try? server.connection.close() }
        try server.connection.send(Fixture.payload(seed: 4, count: 1000))  // ten segments
        let first = try #require(try server.next(with: [.data]), "the client sent data")
        func resent(within seconds: Double) throws -> Bool {
            while let segment = try server.next(with: [.data], timeout: seconds) {
                if segment.sequence == first.sequence { return true }
            }
            return false
        }
        func acknowledge(window: UInt16) throws {
            let ack = Segment(
                flags: [.ack], connectionID: server.connectionID, sequence: 5001, acknowledgment: first.sequence,
                window: window)
            try server.socket.send(try ack.encode(), to: server.client)
        }
        // Three ACKs of the first byte, each with a new window: the receiver's buffer drained.
        for window: UInt16 in [60, 56, 52] { try acknowledge(window: window) }
        let resentAfterUpdates = try resent(within: 0.5)
        #expect(!resentAfterUpdates, "three window updates made the sender resend: they are not duplicate ACKs")
        // The same ACK three more times with the same window: now they are duplicates.
        for _ in 0..<3 { try acknowledge(window: 52) }
        let resentAfterDuplicates = try resent(within: 1)
        #expect(resentAfterDuplicates, "three duplicate ACKs (same number, same window) must trigger a resend")
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
                defer { try? connection.close() }
                let request = try connection.receive(timeout: 20)
                #expect(request == Array("go".utf8), "what the server read")
                try connection.send(payload)
                _ = try connection.waitUntilAcknowledged(timeout: 30)
            }
        }
        let client = try RUDPConnection.connect(to: listener.localAddress, options: options)
        // An attacker on another port forges the server's next segments: data at the right
        // sequence number, a FIN, a RST, and a SYN-ACK.
        let attacker = try testUDPSocket()
        defer { attacker.close() }
        let id = client.connectionID
        let forged = [
            Segment(
                flags: [.data, .ack], connectionID: id, sequence: 1001, acknowledgment: 1001, window: 64,
                payload: Array("EVIL".utf8)),
            Segment(flags: [.fin, .ack], connectionID: id, sequence: 1001, acknowledgment: 1001, window: 64),
            Segment(flags: [.rst, .ack], connectionID: id, sequence: 1001, acknowledgment: 1001),
            Segment(flags: [.syn, .ack], connectionID: id, sequence: 5, acknowledgment: 1001, window: 64),
        ]
        for segment in forged { try attacker.send(try segment.encode(), to: client.localAddress) }
        // And forges an ACK for everything to the server, from the wrong address.
        try attacker.send(
            try Segment(flags: [.ack], connectionID: id, sequence: 1001, acknowledgment: 1_000_000, window: 64)
                .encode(), to: listener.localAddress)
        sleep(seconds: 0.05)
        try client.send(Array("go".utf8))
        let received = try Fixture.read(payload.count, from: client)
        #expect(
            received.count == payload.count, "the forged segments changed what arrived (a forged FIN ends it early)")
        #expect(received == payload, "exactly the server's bytes arrive")
        let extra = try? client.receive(timeout: 0.1)
        #expect(extra == nil || extra == [], "nothing after the server's bytes: \(extra ?? [])")
        try server.wait(timeout: 30)
        try? client.close()
    }

    @Test("in slow start each acknowledged segment, a 1-byte last one too, adds one to cwnd")
    func slowStartCountsSegments() throws {
        var options = Fixture.options(mss: 100)
        options.initialRTO = 2  // no timeout may interfere
        options.minimumRTO = 2
        options.initialWindow = 2
        let server = try HandPlayedServer(options: options)
        defer { server.socket.close() }
        defer { try? server.connection.close() }
        try server.connection.send(Fixture.payload(seed: 4, count: 301))  // 100, 100, 100 and 1 byte
        var acknowledged: [Int] = []
        while acknowledged.reduce(0, +) < 301, let segment = try server.next(with: [.data]) {
            // Acknowledge each segment on its own, in order.
            guard segment.sequence == server.firstByte &+ UInt32(acknowledged.reduce(0, +)) else { continue }
            acknowledged.append(segment.payload.count)
            let ack = Segment(
                flags: [.ack], connectionID: server.connectionID, sequence: 5001,
                acknowledgment: segment.sequence &+ UInt32(segment.payload.count), window: 64)
            try server.socket.send(try ack.encode(), to: server.client)
        }
        let done = try server.connection.waitUntilAcknowledged(timeout: 5)
        #expect(done, "every byte acknowledged; segments seen: \(acknowledged)")
        let stats = server.connection.stats
        #expect(stats.cwnd == 6, "cwnd 2, then one more for each of \(acknowledged.count) ACKs: \(acknowledged)")
        #expect(stats.retransmissions == 0, "nothing was lost, so nothing was sent twice: \(stats)")
        #expect(stats.bytesAcknowledged == 301, "the bytes the server acknowledged: \(stats)")
    }

    @Test("retransmissions counts each data segment sent again, once: the peer saw exactly that many twice")
    func retransmissionsCounted() throws {
        var options = Fixture.options(mss: 100)
        options.initialWindow = 4
        options.initialRTO = 0.1
        options.minimumRTO = 0.1
        let server = try HandPlayedServer(options: options)
        defer { server.socket.close() }
        defer { try? server.connection.close() }
        try server.connection.send(Fixture.payload(seed: 5, count: 301))  // 100, 100, 100 and 1 byte
        var seen: Set<UInt32> = []
        var resent = 0
        // Acknowledge nothing until the timer has resent something, then everything at once.
        while resent == 0, let segment = try server.next(with: [.data], timeout: 2) {
            if !seen.insert(segment.sequence).inserted { resent += 1 }
        }
        #expect(resent > 0, "no segment was resent although none was acknowledged; seen: \(seen.sorted())")
        let ack = Segment(
            flags: [.ack], connectionID: server.connectionID, sequence: 5001,
            acknowledgment: server.firstByte &+ 301, window: 64)
        try server.socket.send(try ack.encode(), to: server.client)
        let done = try server.connection.waitUntilAcknowledged(timeout: 5)
        #expect(done, "every byte acknowledged")
        // What the sender resent before the ACK reached it.
        while let segment = try server.next(with: [.data], timeout: 0.3) {
            if !seen.insert(segment.sequence).inserted { resent += 1 }
        }
        let stats = server.connection.stats
        #expect(stats.retransmissions == resent, "the peer received \(resent) data segments a second time: \(stats)")
    }

    @Test("through a relay that cuts datagrams to 2048 bytes, the sender falls back to small segments")
    func blackHoleFallback() throws {
        var options = TransportOptions()  // the segment size is picked from the path: 16 KB here
        options.initialRTO = 0.02
        options.minimumRTO = 0.003
        options.maximumRTO = 0.08
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: options)
        defer { listener.close() }
        let relay = try Relay(to: listener.localAddress, faults: .none, cutAt: 2048)
        defer { relay.stop() }
        let payload = Fixture.payload(seed: 12, count: 100_000)
        let server = Outcome<[UInt8]>()
        startThread {
            server.finish {
                let connection = try listener.accept(timeout: 30)
                defer { try? connection.close() }
                return try Fixture.read(payload.count, from: connection)
            }
        }
        let client = try RUDPConnection.connect(to: relay.address, options: options)
        defer { try? client.close() }
        try client.send(payload)
        let received = try server.wait(timeout: 60)
        #expect(received.count == payload.count, "bytes that got through the relay")
        #expect(received == payload, "the bytes that got through are the ones sent")
    }

    @Test("a peer that acknowledges nothing gets 1400-byte segments after two timeouts in a row, not later")
    func fallbackAfterTwoTimeouts() throws {
        var options = TransportOptions()  // the segment size is picked from the path: 16 KB here
        options.initialRTO = 0.05
        options.minimumRTO = 0.05
        options.maximumRTO = 0.2
        let server = try HandPlayedServer(options: options)
        defer { server.socket.close() }
        defer { try? server.connection.close() }
        try server.connection.send(Fixture.payload(seed: 6, count: 40_000))
        let small = TransportOptions.fallbackSegmentSize
        var sizes: [Int] = []  // the sizes of each copy of the first segment, in the order they came
        while let segment = try server.next(with: [.data], timeout: 3), sizes.count < 10 {
            guard segment.sequence == server.firstByte else { continue }
            sizes.append(segment.payload.count)
            if segment.payload.count <= small { break }
        }
        let large = sizes.prefix { $0 > small }.count
        let fellBack = sizes.last.map { $0 <= small } ?? false
        #expect(fellBack, "no copy of the first segment was \(small) bytes or less: \(sizes)")
        // The first send, the resend after the first timeout, and perhaps the large probe that
        // goes with the small segments at the second.
        #expect((2...3).contains(large), "large copies of the first segment before the first small one: \(sizes)")
    }

    @Test("a reader that empties a full buffer reopens the window at once, without waiting for a timeout")
    func readerReopensTheWindow() throws {
        var options = Fixture.options()  // 512-byte segments
        options.receiveWindow = 4  // a small buffer, which fills while the reader sleeps
        options.initialRTO = 2  // a timeout would show: the whole transfer takes well under 2 s
        options.minimumRTO = 2
        options.maximumRTO = 4
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: options)
        defer { listener.close() }
        let payload = Fixture.payload(seed: 50, count: 20 * options.maximumSegmentSize)
        let server = Outcome<[UInt8]>()
        startThread {
            server.finish {
                let connection = try listener.accept(timeout: 30)
                defer { try? connection.close() }
                sleep(seconds: 0.2)  // the buffer fills and the window shuts
                return try Fixture.read(payload.count, from: connection)
            }
        }
        let client = try RUDPConnection.connect(to: listener.localAddress, options: options)
        defer { try? client.close() }
        try client.send(payload)
        let received = try server.wait(timeout: 30)
        #expect(received == payload, "the server read \(received.count) of \(payload.count) bytes")
        #expect(client.stats.timeouts == 0, "the sender waited for its timer: \(client.stats)")
    }

    @Test("send waits while its buffer is full: unacknowledged bytes do not pile up without end")
    func sendWaitsForRoom() throws {
        var options = Fixture.options()
        options.sendBufferSize = 4_096
        options.initialRTO = 0.05
        options.maximumRTO = 0.05
        options.giveUpAfter = 1  // the peer acknowledges nothing: the connection fails after 1 s
        options.closeTimeout = 0.5
        let server = try HandPlayedServer(options: options)
        defer { server.socket.close() }
        defer { try? server.connection.close() }
        let sending = Outcome<Bool>()
        let payload = Fixture.payload(seed: 60, count: 20_000)
        startThread { sending.finish { try server.connection.send(payload); return true } }
        var early = "still waiting"
        do {
            _ = try sending.wait(timeout: 0.3)
            early = "send returned"
        } catch is Outcome<Bool>.TimedOut {
        } catch {
            early = "send threw \(error)"
        }
        #expect(early == "still waiting", "20,000 bytes into a 4,096-byte buffer, none acknowledged: \(early)")
        _ = try? sending.wait(timeout: 10)  // it ends when the connection gives up
    }

    @Test("data that comes before the SYN-ACK is ignored: the client reads only what came after")
    func dataBeforeSynAck() throws {
        let socket = try testUDPSocket(timeout: 5)  // the server, played by hand
        defer { socket.close() }
        let address = try socket.localAddress()
        let connected = Outcome<RUDPConnection>()
        var options = Fixture.options()
        options.closeTimeout = 0.5  // the peer never acknowledges the FIN: close soon after
        startThread { [options] in connected.finish { try RUDPConnection.connect(to: address, options: options) } }
        let (synBytes, client) = try socket.receive()
        let syn = try Segment.decode(synBytes)
        func send(_ flags: SegmentFlags, sequence: UInt32, _ text: String = "") throws {
            let segment = Segment(
                flags: flags, connectionID: syn.connectionID, sequence: sequence, acknowledgment: syn.sequence &+ 1,
                window: 64, payload: Array(text.utf8))
            try socket.send(try segment.encode(), to: client)
        }
        // Before the handshake there is no stream yet, whatever the segment's numbers say.
        try send([.data], sequence: 0, "stray")
        try send([.syn, .ack], sequence: 5000)
        let connection = try connected.wait(timeout: 10)
        defer { try? connection.close() }
        try send([.data, .ack], sequence: 5001, "hello")
        let read = String(decoding: try connection.receive(timeout: 5), as: UTF8.self)
        #expect(read == "hello", "the first bytes the client reads: \(read)")
    }

    @Test("a segment whose ACK does not acknowledge the SYN-ACK is ignored by a half-open server")
    func wrongAcknowledgmentWhileHalfOpen() throws {
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: Fixture.options())
        defer { listener.close() }
        let accepted = Outcome<RUDPConnection>()
        startThread { accepted.finish { try listener.accept(timeout: 30) } }
        let socket = try testUDPSocket(timeout: 5)  // the client, played by hand
        defer { socket.close() }
        let id: UInt32 = 0x0BAD_CAFE
        let isn: UInt32 = 7000
        func send(_ flags: SegmentFlags, ack: UInt32 = 0, _ text: String = "", sequence: UInt32? = nil) throws {
            let segment = Segment(
                flags: flags, connectionID: id, sequence: sequence ?? isn &+ 1, acknowledgment: ack,
                window: 64, payload: Array(text.utf8))
            try socket.send(try segment.encode(), to: listener.localAddress)
        }
        try send([.syn], sequence: isn)
        let (synAckBytes, _) = try socket.receive()
        let synAck = try Segment.decode(synAckBytes)
        try #require(synAck.flags.isSuperset(of: [.syn, .ack]), "the listener's answer to a SYN: \(synAck)")
        // An ACK that does not acknowledge the server's SYN (forged, or from an old connection).
        try send([.data, .ack], ack: synAck.sequence &+ 1_001, "forged")
        try send([.data, .ack], ack: synAck.sequence &+ 1, "real")
        let connection = try accepted.wait(timeout: 10)
        let read = String(decoding: try connection.receive(timeout: 5), as: UTF8.self)
        #expect(read == "real", "the first bytes the server reads: \(read)")
    }

    @Test("the RTT is sampled from data too, not only from the handshake")
    func dataSegmentsAreTimed() throws {
        var options = Fixture.options()
        options.initialRTO = 1  // no timeout while the peer takes its time
        options.minimumRTO = 1
        options.maximumRTO = 2
        options.closeTimeout = 0.5  // the peer never acknowledges the FIN: close soon after
        let server = try HandPlayedServer(options: options)  // its SYN-ACK came at once
        defer { server.socket.close() }
        defer { try? server.connection.close() }
        var delivered = 0
        for round in 0..<4 {  // one segment at a time, each acknowledged 100 ms after it came
            try server.connection.send(Fixture.payload(seed: UInt64(40 + round), count: 100))
            let segment = try #require(try server.next(with: [.data], timeout: 2), "segment \(round) came")
            delivered += segment.payload.count
            sleep(seconds: 0.1)
            try server.acknowledge(delivered)
        }
        _ = try server.connection.waitUntilAcknowledged(timeout: 5)
        let smoothed = server.connection.stats.smoothedRTT ?? 0
        // Four samples of 0.1 s after one of almost 0: SRTT is about 0.04 s. Untimed data leaves it near 0.
        #expect(smoothed > 0.02, "SRTT after 4 round trips of 100 ms: \(smoothed) s")
    }

    @Test("after sends of uneven sizes, no segment runs past the end of the peer's window")
    func segmentsStayInsideTheWindow() throws {
        var options = Fixture.options()  // 512-byte segments
        options.initialWindow = 8  // so the peer's window of 2, not cwnd, is the limit
        options.initialRTO = 2  // no timeout, so nothing is sent twice
        options.minimumRTO = 2
        options.maximumRTO = 4
        options.closeTimeout = 0.5  // the peer never acknowledges the FIN: close soon after
        let window = 2
        let server = try HandPlayedServer(options: options, window: UInt16(window))
        defer { server.socket.close() }
        defer { try? server.connection.close() }
        // 300 bytes first: every segment after them starts 300 bytes into a 512-byte slot,
        // and the second one would end at byte 1324, past the 1024 the peer has room for.
        try server.connection.send(Fixture.payload(seed: 30, count: 300))
        try server.connection.send(Fixture.payload(seed: 31, count: 2_000))
        var segments: [(start: Int, end: Int)] = []
        while let segment = try server.next(with: [.data], timeout: 0.3) {
            let start = Int(segment.sequence &- server.firstByte)
            segments.append((start, start + segment.payload.count))
        }
        let room = window * options.maximumSegmentSize
        let furthest = segments.map(\.end).max() ?? 0
        #expect(furthest <= room, "the peer has room for bytes 0..<\(room) and acknowledged nothing; sent: \(segments)")
        #expect(furthest > room - options.maximumSegmentSize, "what fits in the window is sent; sent: \(segments)")
    }

    @Test("a full peer: ACKs with a window of 0 are not duplicates, and when it opens the probe goes first")
    func zeroWindowProbe() throws {
        var options = Fixture.options()  // 512-byte segments
        options.initialWindow = 8
        options.initialRTO = 2  // no timeout: anything sent early is a fast retransmit
        options.minimumRTO = 2
        options.maximumRTO = 4
        options.closeTimeout = 0.5  // the peer never acknowledges the FIN: close soon after
        let mss = options.maximumSegmentSize
        let server = try HandPlayedServer(options: options, window: 2)
        defer { server.socket.close() }
        defer { try? server.connection.close() }
        func offset(_ segment: Segment?) -> Int? { segment.map { Int($0.sequence &- server.firstByte) } }
        try server.connection.send(Fixture.payload(seed: 32, count: 4 * mss))
        var first: [Int] = []
        while first.count < 2, let segment = try server.next(with: [.data], timeout: 1) {
            first.append(offset(segment) ?? -1)
        }
        try #require(first == [0, mss], "the first two segments, which fill the window of 2")
        try server.acknowledge(2 * mss, window: 0)  // both taken, and now the buffer is full
        let probe = offset(try server.next(with: [.data], timeout: 1))
        #expect(probe == 2 * mss, "with a window of 0, one segment still goes (a probe): \(String(describing: probe))")
        for _ in 0..<3 { try server.acknowledge(2 * mss, window: 0) }  // no room for it: dropped, three times
        let early = offset(try server.next(with: [.data], timeout: 0.3))
        #expect(early == nil, "3 ACKs with a window of 0 set off a resend at \(early ?? 0): they are not duplicates")
        try server.acknowledge(2 * mss, window: 4)  // room again, and the probe was never taken
        let next = offset(try server.next(with: [.data], timeout: 1))
        #expect(next == 2 * mss, "when the window opens the probe goes again first: \(String(describing: next)) came")
        #expect(server.connection.stats.fastRetransmits == 0, "\(server.connection.stats)")
    }

    @Test("both ends sending at once on a clean path: the other side's data is not a duplicate ACK")
    func twoWayTransfer() throws {
        var options = Fixture.options()
        options.initialRTO = 2  // no timeout may interfere
        options.minimumRTO = 2
        options.maximumRTO = 4
        // The default receive window: each reader reopens it with window updates, bare ACKs that
        // acknowledge nothing new and must not count as duplicates.
        let listener = try RUDPListener(bindingTo: Fixture.loopback, options: options)
        defer { listener.close() }
        let fromClient = Fixture.payload(seed: 21, count: 100_000)
        let fromServer = Fixture.payload(seed: 22, count: 100_000)
        let server = Outcome<([UInt8], ConnectionStatistics)>()
        startThread {
            server.finish {
                let connection = try listener.accept(timeout: 30)
                defer { try? connection.close() }
                let sender = Outcome<Bool>()
                startThread { sender.finish { try connection.send(fromServer); return true } }
                let received = try Fixture.read(fromClient.count, from: connection)
                _ = try sender.wait(timeout: 30)
                _ = try connection.waitUntilAcknowledged(timeout: 30)
                return (received, connection.stats)
            }
        }
        let client = try RUDPConnection.connect(to: listener.localAddress, options: options)
        defer { try? client.close() }
        let sender = Outcome<Bool>()
        startThread { sender.finish { try client.send(fromClient); return true } }
        let received = try Fixture.read(fromServer.count, from: client)
        _ = try sender.wait(timeout: 30)
        _ = try client.waitUntilAcknowledged(timeout: 30)
        let (serverReceived, serverStats) = try server.wait(timeout: 30)
        #expect(received == fromServer, "the client got the server's \(fromServer.count) bytes: \(received.count) came")
        #expect(serverReceived == fromClient, "the server got the client's bytes: \(serverReceived.count) came")
        let clientStats = client.stats
        #expect(
            clientStats.fastRetransmits == 0 && serverStats.fastRetransmits == 0,
            "nothing was lost, so no fast retransmit: client \(clientStats), server \(serverStats)")
    }
}
