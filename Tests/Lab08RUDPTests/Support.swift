/// Helpers for lab 08's tests: quick loopback timers, seeded payloads, and a one-shot
/// server that runs on a thread and hands back what it received.
import Lab08RUDP
import NetLabChannel
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

enum Fixture {
    /// Loopback-scale timers so a lossy test takes a fraction of a second, and enough
    /// retries that 30% loss both ways never exhausts them.
    static func options(mss: Int = 512) -> TransportOptions {
        var options = TransportOptions()
        options.maximumSegmentSize = mss
        options.receiveWindow = 64
        options.initialRTO = 0.02
        options.minimumRTO = 0.003
        options.maximumRTO = 0.08
        options.maximumRetries = 60
        options.timeWait = 2
        options.closeTimeout = 15
        return options
    }

    /// `count` bytes drawn from `seed`.
    static func payload(seed: UInt64, count: Int) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    static var loopback: SocketAddress { try! SocketAddress(ip: "127.0.0.1", port: 0) }

    /// Sends `payload` from a client to a listener over the given faults, and returns what
    /// the server read.
    ///
    /// With `closing`, both ends close and the server reads to the end of the stream (the
    /// teardown part). Without it (Go-Back-N's tests, written before `close`), the server
    /// reads `payload.count` bytes and then whatever else comes within 0.2 s, and the client
    /// waits until everything is acknowledged; each end then tries to close.
    static func upload(
        _ payload: [UInt8], clientFaults: Faults = .none, serverFaults: Faults = .none,
        options: TransportOptions = Fixture.options(), chunks: [Int]? = nil, closing: Bool = false
    ) throws -> [UInt8] {
        let listener = try RUDPListener(bindingTo: loopback, faults: serverFaults, options: options)
        defer { listener.close() }
        let result = Outcome<[UInt8]>()
        startThread {
            result.finish {
                let connection = try listener.accept(timeout: 30)
                if closing {
                    let received = try readToEnd(connection)
                    try connection.close()
                    return received
                }
                var received = try read(payload.count, from: connection)
                // Anything more (a byte delivered twice) arrives before the client's FIN.
                received += (try? connection.receive(timeout: 0.2)) ?? []
                try? connection.close()
                return received
            }
        }
        let client = try RUDPConnection.connect(to: listener.localAddress, faults: clientFaults, options: options)
        if let chunks {
            var offset = 0
            for size in chunks {
                try client.send(Array(payload[offset..<offset + size]))
                offset += size
            }
        } else {
            try client.send(payload)
        }
        if closing {
            try client.close()
        } else {
            let acknowledged = try client.waitUntilAcknowledged(timeout: 60)
            #expect(acknowledged, "the server acknowledged every byte within 60 s")
            try? client.close()
        }
        return try result.wait(timeout: 60)
    }

    /// Reads until `count` bytes have arrived, or the stream ends first.
    static func read(_ count: Int, from connection: RUDPConnection) throws -> [UInt8] {
        var received: [UInt8] = []
        while received.count < count {
            let chunk = try connection.receive(timeout: 20)
            if chunk.isEmpty { break }
            received += chunk
        }
        return received
    }

    /// Reads until end of stream (every receive has a timeout, so a stall fails the test).
    static func readToEnd(_ connection: RUDPConnection) throws -> [UInt8] {
        var received: [UInt8] = []
        while true {
            let chunk = try connection.receive(timeout: 20)
            if chunk.isEmpty { return received }
            received += chunk
        }
    }

    /// The seed, the faults and how to replay them, for a failing expectation.
    static func replay(_ faults: Faults) -> Comment {
        "channel: \(faults.description) (replay with --seed \(faults.seed) and the same flags)"
    }
}

/// A server played by hand on a plain UDP socket: it answers the client's SYN and then
/// acknowledges only what a test tells it to.
struct HandPlayedServer {
    let socket: UDPSocket
    let connection: RUDPConnection
    let client: SocketAddress
    let connectionID: UInt32
    /// The sequence number of the client's first data byte.
    let firstByte: UInt32

    /// Connects a client with `options` to a fresh socket and completes its handshake,
    /// advertising a receive window of `window` segments.
    init(options: TransportOptions, window: UInt16 = 64) throws {
        socket = try testUDPSocket(timeout: 5)
        let address = try socket.localAddress()
        let connected = Outcome<RUDPConnection>()
        startThread { connected.finish { try RUDPConnection.connect(to: address, options: options) } }
        let (synBytes, client) = try socket.receive()
        let syn = try Segment.decode(synBytes)
        try #require(syn.flags == [.syn], "the client's first segment: \(syn)")
        let synAck = Segment(
            flags: [.syn, .ack], connectionID: syn.connectionID, sequence: 5000, acknowledgment: syn.sequence &+ 1,
            window: window)
        try socket.send(try synAck.encode(), to: client)
        connection = try connected.wait(timeout: 10)
        self.client = client
        connectionID = syn.connectionID
        firstByte = syn.sequence &+ 1
    }

    /// Sends the client a segment with no data that acknowledges its first `bytes` data bytes
    /// and advertises `window` segments: an ACK, or with other `flags` a RST.
    func acknowledge(_ bytes: Int, window: UInt16 = 64, flags: SegmentFlags = [.ack]) throws {
        let segment = Segment(
            flags: flags, connectionID: connectionID, sequence: 5001, acknowledgment: firstByte &+ UInt32(bytes),
            window: window)
        try socket.send(try segment.encode(), to: client)
    }

    /// The next segment from the client with all of `flags`, within `timeout` seconds.
    func next(with flags: SegmentFlags, timeout: Double = 1) throws -> Segment? {
        try socket.setReceiveTimeout(timeout)
        let deadline = SystemTime().now() + timeout
        while SystemTime().now() < deadline, let (bytes, _) = try? socket.receive() {
            if let segment = try? Segment.decode(bytes), segment.flags.isSuperset(of: flags) { return segment }
        }
        return nil
    }
}

/// The result of work done on another thread, waited for with a deadline.
final class Outcome<Value: Sendable>: Sendable {
    private let state = Mutex<Result<Value, any Error>?>(nil)

    func finish(_ body: () throws -> Value) {
        let result: Result<Value, any Error>
        do { result = .success(try body()) } catch { result = .failure(error) }
        state.withLock { $0 = result }
    }

    struct TimedOut: Error, CustomStringConvertible {
        var description: String { "the other thread did not finish in time" }
    }

    func wait(timeout: Double) throws -> Value {
        let deadline = SystemTime().now() + timeout
        while SystemTime().now() < deadline {
            if let result = state.withLock({ $0 }) { return try result.get() }
            sleep(seconds: 0.002)
        }
        throw TimedOut()
    }
}

extension Faults {
    /// One kind of fault (or all of them) with a seed, for parameterised tests.
    static func scenario(_ name: String, seed: UInt64) -> Faults {
        var faults = Faults(seed: seed)
        switch name {
        case "loss": faults.loss = 0.3
        case "burst": faults.burst = GilbertElliott(enterBad: 0.08)
        case "corruption": faults.corrupt = 0.1
        case "duplication": faults.duplicate = 0.1
        case "reordering":
            faults.delay = 0.0005
            faults.jitter = 0.003
        case "rate limit":
            faults.rate = 400_000
            faults.queueLimit = 8_000
        case "everything":
            faults.loss = 0.3
            faults.duplicate = 0.1
            faults.corrupt = 0.01
            faults.delay = 0.0005
            faults.jitter = 0.002
        default: break
        }
        return faults
    }
}

/// A UDP relay between clients and one server, in the test process: the path in the middle
/// misbehaves, while both ends run a perfect channel, as with `Tests/Interop/udp_relay.py`.
///
/// Clients send to `address`. For each client the relay opens its own socket towards the
/// server, so the server sees one address per client. The faults sit on the client-facing
/// socket, where every datagram passes once each way: `faults.loss = 0.3` drops 30% of the
/// datagrams in each direction, and jitter reorders both ways.
final class Relay: Sendable {
    let address: SocketAddress
    let faults: Faults
    private let front: LossyChannel
    private let server: SocketAddress
    /// The socket towards the server for each client.
    private let backs = Mutex<[SocketAddress: LossyChannel]>([:])
    private let running = Atomic<Bool>(true)

    /// Datagrams from clients longer than this are cut to this length (a relay with a small
    /// receive buffer): their CRC then fails, and large segments never get through.
    private let cutAt: Int

    init(to server: SocketAddress, faults: Faults, cutAt: Int = .max) throws {
        front = try LossyChannel(bindingTo: Fixture.loopback, faults: faults)
        address = front.localAddress
        self.faults = faults
        self.server = server
        self.cutAt = cutAt
        startThread { [self] in forwardFromClients() }
    }

    private func forwardFromClients() {
        while running.load(ordering: .relaxed) {
            guard let datagram = try? front.receive(timeout: 0.05) else { continue }
            guard let back = backChannel(for: datagram.from) else { continue }
            try? back.send(Array(datagram.bytes.prefix(cutAt)), to: server)
        }
    }

    private func backChannel(for client: SocketAddress) -> LossyChannel? {
        if let back = backs.withLock({ $0[client] }) { return back }
        guard let back = try? LossyChannel(bindingTo: Fixture.loopback) else { return nil }
        backs.withLock { $0[client] = back }
        startThread { [self] in
            while running.load(ordering: .relaxed) {
                guard let datagram = try? back.receive(timeout: 0.05) else { continue }
                try? front.send(datagram.bytes, to: client)
            }
        }
        return back
    }

    /// Stops forwarding and closes every socket (within about 50 ms).
    func stop() {
        running.store(false, ordering: .relaxed)
        sleep(seconds: 0.06)
        front.close()
        for back in backs.withLock({ Array($0.values) }) { back.close() }
    }
}
