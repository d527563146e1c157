/// The relay's server: accepts clients, one thread each, and tells their framing apart by the
/// first byte. Given code: what it does for one request is in Relay+Serve.swift.
import NetLabKit
import Synchronization

public final class Relay: Sendable {
    public let policy: RelayPolicy
    public let localAddress: SocketAddress
    private let listener: TCPListener
    private let failures = Mutex<[String]>([])

    /// Every error that ended a client's connection early, such as a starter's "not
    /// implemented yet" (each is also printed to standard error).
    public var errors: [String] { failures.withLock { $0 } }

    /// Binds the relay's port. `run()` then serves.
    public init(bindingTo address: SocketAddress, policy: RelayPolicy = RelayPolicy()) throws {
        listener = try TCPListener(bindingTo: address)
        localAddress = try listener.localAddress()
        self.policy = policy
    }

    /// Accepts clients until `close()`, each on a thread of its own.
    public func run() {
        while let client = try? listener.accept() {
            startThread { self.handle(client) }
        }
    }

    /// Stops accepting. Requests already being served finish.
    public func close() { listener.close() }

    /// One client: read its first bytes, pick its framing, serve its request, close.
    private func handle(_ socket: TCPSocket) {
        defer { socket.close() }
        do {
            // A client that says nothing, or stops reading, is dropped after 30 s.
            try socket.setReceiveTimeout(30)
            try socket.setSendTimeout(30)
            let first = try socket.receive(maximumLength: RelayPolicy.largestRequest + 10)
            guard let byte = first.first else { return }
            let codec = FrameCodec(Framing.detect(firstByte: byte), maximumFrameSize: RelayPolicy.largestRequest)
            try serve(FrameConnection(stream: socket, codec: codec, buffered: first))
        } catch {
            failures.withLock { $0.append("\(error)") }
            Console.error("relay: \(socket.peer): \(error)")
        }
    }
}
