/// A UDP socket: sends and receives whole datagrams.
///
/// UDP keeps message boundaries (one `send` is one `receive` on the other side) but
/// promises nothing else: a datagram may be lost, duplicated, or overtaken by a later one.
///
/// ```swift
/// let socket = try UDPSocket(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0))
/// try socket.setReceiveTimeout(1.0)
/// try socket.send(Array("hello".utf8), to: server)
/// let (reply, from) = try socket.receive()
/// ```
internal import NetLabSystem

public final class UDPSocket: Socket, @unchecked Sendable {  // Sendable: state lives in Socket's Mutex.
    /// The largest datagram `receive()` accepts by default: the most a UDP/IPv4 packet holds.
    public static let maximumDatagramSize = 65_507

    /// Opens a UDP socket for the given address family (`SocketAddress.Family.ipv4` or
    /// `.ipv6`). The corresponding C call is `socket(2)`.
    public init(family: Int32 = SocketAddress.Family.ipv4) throws(SocketError) {
        try super.init(family: family, type: Platform.datagram)
    }

    /// Opens a UDP socket and binds it to `address` (port 0 picks a free port).
    /// The corresponding C calls are `socket(2)` and `bind(2)`.
    public convenience init(bindingTo address: SocketAddress) throws(SocketError) {
        try self.init(family: address.family)
        try bind(to: address)
    }

    /// Sends one datagram.
    ///
    /// - Parameters:
    ///   - bytes: the payload; at most `maximumDatagramSize` bytes.
    ///   - address: where to send it.
    /// - Throws: `SocketError` if the kernel refuses it (for example, too large).
    /// The corresponding C call is `sendto(2)`.
    public func send(_ bytes: [UInt8], to address: SocketAddress) throws(SocketError) {
        let descriptor = self.descriptor
        let sent = try retryingInterrupts("sendto") {
            bytes.withUnsafeBytes { buffer in
                address.withSockaddr { sendto(descriptor, buffer.baseAddress, buffer.count, 0, $0, $1) }
            }
        }
        if sent != bytes.count { throw SocketError.systemCall(call: "sendto", errno: EMSGSIZE) }
    }

    /// Waits for one datagram and returns it with its sender's address.
    ///
    /// - Parameter maximumLength: a longer datagram is cut to this many bytes by the kernel.
    /// - Returns: the payload and the address it came from.
    /// - Throws: `SocketError.timedOut` if a receive timeout is set and passes first.
    /// The corresponding C call is `recvfrom(2)`.
    public func receive(
        maximumLength: Int = UDPSocket.maximumDatagramSize
    ) throws(SocketError) -> (bytes: [UInt8], from: SocketAddress) {
        var buffer = [UInt8](repeating: 0, count: maximumLength)
        let (count, sender) = try receive(into: &buffer)
        buffer.removeSubrange(count...)
        return (buffer, sender)
    }

    /// Receives one datagram into a buffer you own (no allocation: use it in hot loops).
    ///
    /// - Returns: how many bytes were written into `buffer`, and the sender.
    /// - Throws: `SocketError.timedOut` if a receive timeout is set and passes first.
    /// The corresponding C call is `recvfrom(2)`.
    public func receive(into buffer: inout [UInt8]) throws(SocketError) -> (count: Int, from: SocketAddress) {
        let descriptor = self.descriptor
        let (count, sender) = buffer.withUnsafeMutableBytes { raw in
            SocketAddress.capture { address, length in
                retryingInterrupts { recvfrom(descriptor, raw.baseAddress, raw.count, 0, address, length) }
            }
        }
        if count < 0 { throw SocketError.lastError("recvfrom") }
        return (count, sender)
    }

    /// Fixes the peer: afterwards the kernel drops datagrams from any other address.
    /// The corresponding C call is `connect(2)`.
    public func connect(to address: SocketAddress) throws(SocketError) {
        let descriptor = self.descriptor
        try retryingInterrupts("connect") {
            address.withSockaddr { System.connect(descriptor, $0, $1) }
        }
    }
}
