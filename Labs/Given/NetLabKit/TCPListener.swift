/// A listening TCP socket: the server side, which hands out one `TCPSocket` per client.
///
/// ```swift
/// let listener = try TCPListener(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0))
/// let client = try listener.accept()   // blocks until someone connects
/// ```
internal import NetLabSystem

public final class TCPListener: Socket, @unchecked Sendable {  // Sendable: state lives in Socket's Mutex.
    /// Opens a socket, binds it (with `SO_REUSEADDR`, so a restarted server can rebind at
    /// once) and starts listening.
    ///
    /// - Parameters:
    ///   - address: where to listen; port 0 picks a free port (read it with `localAddress()`).
    ///   - backlog: how many finished handshakes the kernel queues before `accept`.
    /// The corresponding C calls are `socket(2)`, `bind(2)` and `listen(2)`.
    public init(bindingTo address: SocketAddress, backlog: Int32 = 128) throws(SocketError) {
        try super.init(family: address.family, type: Platform.stream)
        try setReuseAddress()
        try bind(to: address)
        let descriptor = self.descriptor
        try retryingInterrupts("listen") { System.listen(descriptor, backlog) }
    }

    /// Waits for the next client and returns its connected socket.
    ///
    /// - Throws: `SocketError.timedOut` if a receive timeout is set on the listener;
    ///   a `.systemCall` error once the listener is closed.
    /// The corresponding C call is `accept(2)`.
    public func accept() throws(SocketError) -> TCPSocket {
        let descriptor = self.descriptor
        while true {
            let (result, peer) = SocketAddress.capture { address, length in
                retryingInterrupts { Int(System.accept(descriptor, address, length)) }
            }
            if result >= 0 { return TCPSocket(adopting: Int32(result), peer: peer) }
            // A client that gave up while queued is not the listener's failure: take the next.
            if errno == ECONNABORTED { continue }
            throw SocketError.lastError("accept")
        }
    }
}
