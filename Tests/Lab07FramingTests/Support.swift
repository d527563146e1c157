/// Helpers for lab 07's tests: streams that split bytes on purpose, scripted HTTP origins,
/// servers on threads, and a raw session peer that can lie, repeat and damage messages.
import Lab07Framing
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

enum Fixture {
    static var loopback: SocketAddress { try! SocketAddress(ip: "127.0.0.1", port: 0) }

    /// `count` bytes drawn from `seed`.
    static func payload(seed: UInt64, count: Int) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    /// CRC-32 computed bit by bit, independently of the lab's table-driven one.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// `""` when two byte sequences are equal, else what differs. Expect it to be `""`, rather
    /// than `#expect(a == b)`, for anything large: on a mismatch Swift Testing diffs the two
    /// arrays, which for 200 KB takes minutes.
    static func difference(_ received: [UInt8], _ expected: [UInt8]) -> String {
        guard received != expected else { return "" }
        let first =
            zip(received, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(received.count, expected.count)
        return "\(received.count) bytes received, \(expected.count) expected; they differ from byte \(first)"
    }

    /// The same for lists of frames.
    static func difference(_ received: [[UInt8]], _ expected: [[UInt8]]) -> String {
        guard received.count == expected.count else { return "\(received.count) frames, \(expected.count) expected" }
        for (index, pair) in zip(received, expected).enumerated() where pair.0 != pair.1 {
            return "frame \(index): " + difference(pair.0, pair.1)
        }
        return ""
    }

    /// A connected pair of TCP sockets on loopback, each with a 10 s receive timeout.
    static func socketPair() throws -> (TCPSocket, TCPSocket) {
        let listener = try TCPListener(bindingTo: loopback)
        defer { listener.close() }
        try listener.setReceiveTimeout(10)
        let client = try TCPSocket(connectingTo: listener.localAddress(), timeout: 10)
        let server = try listener.accept()
        for socket in [client, server] { try socket.setReceiveTimeout(10) }
        return (client, server)
    }

    /// Waits until `condition` holds, for at most `seconds`.
    static func eventually(_ seconds: Double = 20, _ condition: () -> Bool) -> Bool {
        let deadline = SystemTime().now() + seconds
        while SystemTime().now() < deadline {
            if condition() { return true }
            sleep(seconds: 0.005)
        }
        return condition()
    }
}

/// A stream that hands out a fixed byte sequence in pieces of the sizes given, then EOF.
/// What it is sent is kept, for tests of writers.
final class ScriptedStream: ByteStream, @unchecked Sendable {  // Sendable: used by one test thread.
    private var bytes: [UInt8]
    private var pieces: [Int]
    private var random: SeededRandom?
    private var largest: Int
    private(set) var sent: [UInt8] = []
    private(set) var receives = 0

    /// - Parameters:
    ///   - pieces: the sizes of the first receives; after them, the rest in one piece (or
    ///     random pieces of 1…`largest` bytes with a `seed`).
    init(_ bytes: [UInt8], pieces: [Int] = [], seed: UInt64? = nil, largest: Int = 65_536) {
        self.bytes = bytes
        self.pieces = pieces
        self.random = seed.map { SeededRandom(seed: $0) }
        self.largest = largest
    }

    func receive(maximumLength: Int) throws -> [UInt8] {
        receives += 1
        var size: Int
        if !pieces.isEmpty {
            size = pieces.removeFirst()
        } else if var generator = random {
            size = Int(generator.next() % UInt64(largest)) + 1
            random = generator
        } else {
            size = bytes.count
        }
        size = min(max(size, 1), maximumLength, bytes.count)
        let chunk = Array(bytes.prefix(size))
        bytes.removeFirst(size)
        return chunk
    }

    func sendAll(_ more: [UInt8]) throws { sent += more }

    func waitUntilReadable(timeout seconds: Double) throws -> Bool { true }
}

/// A TCP socket whose writes go out in seeded random pieces of 1…`largest` bytes, each its
/// own `send` with TCP_NODELAY, so the reader really sees them split.
final class SplittingSocket: ByteStream, @unchecked Sendable {  // Sendable: `random` is only used by the writer.
    let socket: TCPSocket
    private var random: SeededRandom
    private let largest: Int

    init(_ socket: TCPSocket, seed: UInt64, largest: Int) throws {
        self.socket = socket
        random = SeededRandom(seed: seed)
        self.largest = largest
        try socket.setNoDelay()
    }

    func receive(maximumLength: Int) throws -> [UInt8] { try socket.receive(maximumLength: maximumLength) }

    func sendAll(_ bytes: [UInt8]) throws {
        var index = 0
        while index < bytes.count {
            let size = min(Int(random.next() % UInt64(largest)) + 1, bytes.count - index)
            try socket.sendAll(Array(bytes[index..<index + size]))
            index += size
        }
    }

    func waitUntilReadable(timeout seconds: Double) throws -> Bool { try socket.waitUntilReadable(timeout: seconds) }
}

/// The result of work done on another thread, waited for with a deadline.
final class Outcome<Value: Sendable>: Sendable {
    private let state = Mutex<Result<Value, any Error>?>(nil)

    func finish(_ body: () throws -> Value) {
        let result: Result<Value, any Error>
        do { result = .success(try body()) } catch { result = .failure(error) }
        state.withLock { $0 = result }
    }

    /// The error the other thread finished with, if it has finished with one.
    var failure: (any Error)? {
        state.withLock { result in
            if case .failure(let error) = result { error } else { nil }
        }
    }

    struct TimedOut: Error, CustomStringConvertible {
        var description: String { "the other thread did not finish in time" }
    }

    func wait(timeout: Double = 30) throws -> Value {
        let deadline = SystemTime().now() + timeout
        while SystemTime().now() < deadline {
            if let result = state.withLock({ $0 }) { return try result.get() }
            sleep(seconds: 0.002)
        }
        throw TimedOut()
    }

    /// Runs `body` on a new thread.
    static func start(_ body: @escaping @Sendable () throws -> Value) -> Outcome<Value> {
        let outcome = Outcome<Value>()
        startThread { outcome.finish(body) }
        return outcome
    }
}

/// A one-port HTTP origin that answers every connection with the same script, on threads.
final class ScriptedOrigin: Sendable {
    enum Step: Sendable {
        case send([UInt8])
        case pause(Double)
        /// `count` bytes, one `send` of `piece` bytes at a time.
        case body(count: Int, piece: Int, seed: UInt64)
        case close
    }

    let listener: TCPListener
    let port: UInt16

    init(_ script: [Step]) throws {
        listener = try TCPListener(bindingTo: Fixture.loopback)
        port = try listener.localAddress().port
        let listener = self.listener
        startThread {
            while let client = try? listener.accept() {
                startThread { Self.answer(client, script) }
            }
        }
    }

    /// An origin that answers `200 OK` with `body` and a Content-Length.
    convenience init(body: [UInt8], contentType: String = "application/octet-stream", withLength: Bool = true) throws {
        let length = withLength ? "Content-Length: \(body.count)\r\n" : ""
        try self.init([
            .send(Array("HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\n\(length)Connection: close\r\n\r\n".utf8)),
            .send(body), .close,
        ])
    }

    func url(_ path: String = "/file") -> String { "http://127.0.0.1:\(port)\(path)" }

    func close() { listener.close() }

    private static func answer(_ client: TCPSocket, _ script: [Step]) {
        defer { client.close() }
        try? client.setReceiveTimeout(10)
        var head: [UInt8] = []
        while !head.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard let chunk = try? client.receive(maximumLength: 1), !chunk.isEmpty else { return }
            head += chunk
        }
        for step in script {
            switch step {
            case .send(let bytes): guard (try? client.sendAll(bytes)) != nil else { return }
            case .pause(let seconds): sleep(seconds: seconds)
            case .body(let count, let piece, let seed):
                let bytes = Fixture.payload(seed: seed, count: count)
                var index = 0
                while index < count {
                    guard (try? client.sendAll(Array(bytes[index..<min(count, index + piece)]))) != nil else { return }
                    index += piece
                }
            case .close: return
            }
        }
    }
}

/// A relay on a thread, for one test.
final class RelayFixture: Sendable {
    let relay: Relay

    init(_ policy: RelayPolicy = RelayPolicy()) throws {
        relay = try Relay(bindingTo: Fixture.loopback, policy: policy)
        let relay = self.relay
        startThread { relay.run() }
    }

    var address: SocketAddress { relay.localAddress }

    /// The relay's own errors, to show beside a failure ("not implemented yet…").
    var comment: Comment { "relay errors: \(relay.errors)" }

    func close() { relay.close() }

    /// Sends a raw request frame and reads every frame of the answer until the relay closes.
    func rawExchange(_ request: [UInt8], framing: Framing = .binary, raw: [UInt8]? = nil) throws -> [RelayFrame] {
        let socket = try TCPSocket(connectingTo: address, timeout: 10)
        defer { socket.close() }
        try socket.setReceiveTimeout(20)
        let connection = FrameConnection(stream: socket, codec: FrameCodec(framing, maximumFrameSize: 70_000))
        if let raw { try socket.sendAll(raw) } else { try connection.writeFrame(request) }
        var frames: [RelayFrame] = []
        while let payload = try connection.readFrame() {
            #expect(payload.count <= 65_536, "a relay frame's payload is at most 64 KiB")
            frames.append(try RelayFrame.decode(payload))
        }
        return frames
    }
}

/// A session server on a thread, for one test.
final class SessionServerFixture: Sendable {
    let server: SessionServer

    init(_ options: SessionServerOptions = SessionServerFixture.quiet()) throws {
        server = try SessionServer(bindingTo: Fixture.loopback, options: options)
        let server = self.server
        startThread { server.run() }
    }

    /// Keep-alives off, so only the keep-alive part's tests depend on them.
    static func quiet(_ change: (inout SessionServerOptions) -> Void = { _ in }) -> SessionServerOptions {
        var options = SessionServerOptions()
        options.keepAlive = nil
        change(&options)
        return options
    }

    var address: SocketAddress { server.localAddress }

    func close() { server.close() }

    /// Waits for the `count`th session to end and returns every ending so far.
    func sessions(atLeast count: Int) -> [SessionSummary] {
        _ = Fixture.eventually { server.finishedSessions.count >= count }
        return server.finishedSessions
    }
}

/// One end of a session written by hand: it sends exactly what a test says, damaged or not.
final class RawPeer: @unchecked Sendable {  // Sendable: each test uses it from one thread at a time.
    let socket: TCPSocket
    let connection: FrameConnection

    init(_ socket: TCPSocket) throws {
        self.socket = socket
        try socket.setReceiveTimeout(20)
        connection = FrameConnection(stream: socket, codec: FrameCodec(.binary, maximumFrameSize: 1 << 20))
    }

    convenience init(connectingTo address: SocketAddress) throws {
        try self.init(TCPSocket(connectingTo: address, timeout: 10))
    }

    func send(_ message: SessionMessage) throws { try connection.writeFrame(message.encode()) }

    /// Sends `message` with one payload bit flipped after the checksum was computed.
    func sendDamaged(_ message: SessionMessage) throws {
        var body = try message.encode()
        body[body.count - 1] ^= 0x10
        try connection.writeFrame(body)
    }

    /// The next message (skipping KEEPALIVEs unless asked for), or `nil` after `seconds`
    /// of silence or at the end of the stream.
    func next(within seconds: Double = 10, keepAlives: Bool = false) throws -> SessionMessage? {
        let deadline = SystemTime().now() + seconds
        while true {
            let left = deadline - SystemTime().now()
            guard left > 0, case .frame(let body) = try connection.nextFrame(waitingAtMost: left) else { return nil }
            let message = try SessionMessage.decode(body)
            if message.kind == .keepAlive && !keepAlives { continue }
            return message
        }
    }

    /// The client side of a handshake: SYN, SYN-ACK, ACK.
    func handshake(mode: SessionMode = .burst, packet: UInt32 = 1_024, window: UInt16 = 8) throws -> SessionParameters {
        let syn = SynRequest(mode: mode.rawValue, maximumPacket: packet, window: window, clientID: "raw")
        try send(SessionMessage(.syn, payload: syn.encode()))
        let message = try #require(try next())
        #expect(message.kind == .synAck)
        let reply = try SynAckReply.decode(message.payload)
        let parameters = try #require(reply.parameters(), "the SYN-ACK accepts: \(reply)")
        var ack: [UInt8] = []
        for shift in stride(from: 56, through: 0, by: -8) {
            ack.append(UInt8((reply.sessionID >> UInt64(shift)) & 0xFF))
        }
        try send(SessionMessage(.ack, payload: ack))
        return parameters
    }

    func close() { socket.close() }
}

/// A server written by hand for the client's tests: accepts one connection and answers the
/// handshake with the values given.
final class RawServer: Sendable {
    let listener: TCPListener

    init() throws {
        listener = try TCPListener(bindingTo: Fixture.loopback)
        try listener.setReceiveTimeout(20)
    }

    var address: SocketAddress { try! listener.localAddress() }

    /// Accepts, reads the SYN, answers `reply`, reads the ACK. If the client (running as
    /// `client`) fails before it connects, such as with "not implemented yet", that error
    /// is thrown at once, not a timeout.
    func acceptSession<Value>(_ reply: SynAckReply, client: Outcome<Value>) throws -> RawPeer {
        let deadline = SystemTime().now() + 20
        while try !listener.waitUntilReadable(timeout: 0.05) {
            if let failure = client.failure { throw failure }
            guard SystemTime().now() < deadline else { throw Outcome<Value>.TimedOut() }
        }
        let peer = try RawPeer(listener.accept())
        let syn = try #require(try peer.next())
        #expect(syn.kind == .syn)
        try peer.send(SessionMessage(.synAck, payload: reply.encode()))
        let ack = try #require(try peer.next())
        #expect(ack.kind == .ack)
        return peer
    }

    static func accepting(
        window: UInt16, packet: UInt32 = 64, mode: SessionMode = .burst, keepAliveMs: UInt32 = 0
    )
        -> SynAckReply
    {
        SynAckReply(
            status: SynAckReply.accepted, sessionID: 0x1234_5678_9ABC_DEF0, maximumPacket: packet, mode: mode.rawValue,
            window: window, keepAliveMilliseconds: keepAliveMs)
    }

    func close() { listener.close() }
}
