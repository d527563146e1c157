/// A scripted UDP server for tests: a socket on a loopback port and a handler that decides,
/// datagram by datagram, what to send back. Use it to play a well-behaved server, a lossy
/// one, a slow one, or a liar, and check how the student's client copes.
///
/// ```swift
/// let peer = try FakeUDPPeer { datagram, sender, socket in
///     try? socket.send(datagram, to: sender)        // an echo server
/// }
/// defer { peer.stop() }
/// ```
import NetLabKit
import Synchronization

public final class FakeUDPPeer: Sendable {
    public typealias Handler = @Sendable (_ datagram: [UInt8], _ sender: SocketAddress, _ socket: UDPSocket) -> Void

    /// The peer's socket; tests may also send from it directly.
    public let socket: UDPSocket
    /// Where the peer listens (127.0.0.1 and a kernel-chosen port).
    public let address: SocketAddress
    private let state = LoopState()

    /// Binds a loopback port and starts serving on a thread of its own.
    public init(host: String = "127.0.0.1", handler: @escaping Handler) throws {
        socket = try UDPSocket(bindingTo: SocketAddress(ip: host, port: 0))
        address = try socket.localAddress()
        try socket.setReceiveTimeout(0.05)
        startThread { [socket, state] in
            while state.running.load(ordering: .relaxed) {
                guard let (datagram, sender) = try? socket.receive() else { continue }
                handler(datagram, sender, socket)
            }
            state.finished.store(true, ordering: .releasing)
        }
    }

    /// Stops serving and closes the socket.
    public func stop() {
        state.running.store(false, ordering: .relaxed)
        while !state.finished.load(ordering: .acquiring) { sleep(seconds: 0.005) }
        socket.close()
    }

    deinit { if state.running.load(ordering: .relaxed) { stop() } }
}

/// A loopback address with port 0: "any free port on this machine".
public func loopbackAnyPort() -> SocketAddress {
    try! SocketAddress(ip: "127.0.0.1", port: 0)
}

/// A UDP socket bound to a free loopback port, with a receive timeout so no test can hang.
public func testUDPSocket(timeout: Double = 2) throws -> UDPSocket {
    let socket = try UDPSocket(bindingTo: loopbackAnyPort())
    try socket.setReceiveTimeout(timeout)
    return socket
}

/// Flags shared between a background loop and the object that stops it.
final class LoopState: Sendable {
    let running = Atomic<Bool>(true)
    let finished = Atomic<Bool>(false)
}
