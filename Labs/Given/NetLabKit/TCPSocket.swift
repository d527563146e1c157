/// A connected TCP socket: a reliable, ordered *byte stream* in both directions.
///
/// TCP does not keep message boundaries. Three `send`s may arrive as one `receive`, or one
/// `send` as three. Every protocol on TCP therefore frames its messages itself (HTTP with
/// blank lines and `Content-Length`, DNS with a two-byte length), and a reader loops until
/// it has a whole frame. `receive` returning no bytes means the peer closed its side.
internal import NetLabSystem

public final class TCPSocket: Socket, @unchecked Sendable {  // Sendable: state lives in Socket's Mutex.
    /// The address of the other end.
    public let peer: SocketAddress

    init(adopting descriptor: Int32, peer: SocketAddress) {
        self.peer = peer
        super.init(adopting: descriptor)
    }

    /// Connects to a listening server.
    ///
    /// - Parameters:
    ///   - address: the server's address.
    ///   - timeout: how long to wait for the handshake, or `nil` for the kernel's default.
    /// - Throws: `SocketError.timedOut`, or `.systemCall("connect", ECONNREFUSED)` when
    ///   nothing listens there.
    /// The corresponding C call is `connect(2)`.
    public init(connectingTo address: SocketAddress, timeout: Double? = nil) throws(SocketError) {
        peer = address
        try super.init(family: address.family, type: Platform.stream)
        let descriptor = self.descriptor
        if let timeout {
            // SO_SNDTIMEO bounds connect(2) on Linux; it is reset afterwards.
            try setSendTimeout(timeout)
        }
        try retryingInterrupts("connect") {
            address.withSockaddr { System.connect(descriptor, $0, $1) }
        }
        if timeout != nil { try setSendTimeout(nil) }
    }

    /// Sends every byte, looping over short writes. A closed peer gives an error, never
    /// SIGPIPE.
    ///
    /// - Throws: `SocketError.systemCall("send", EPIPE)` if the peer has gone.
    /// The corresponding C call is `send(2)` with `MSG_NOSIGNAL`.
    public func sendAll(_ bytes: [UInt8]) throws(SocketError) {
        let failure = bytes.withUnsafeBytes { sendEveryByte(of: $0) }
        if let failure { throw failure }
    }

    /// Sends every byte of a raw buffer (for large files without copying into an array).
    /// The corresponding C call is `send(2)` with `MSG_NOSIGNAL`.
    public func sendAll(_ buffer: UnsafeRawBufferPointer) throws(SocketError) {
        if let failure = sendEveryByte(of: buffer) { throw failure }
    }

    /// The one send loop behind both `sendAll`s: `nil`, or the error that stopped it.
    private func sendEveryByte(of buffer: UnsafeRawBufferPointer) -> SocketError? {
        let descriptor = self.descriptor
        let code = writeAll(buffer) { send(descriptor, $0.baseAddress, $0.count, Platform.noSignal) }
        return code.map { SocketError.failure("send", errno: $0) }
    }

    /// Receives whatever bytes have arrived, up to `maximumLength`.
    ///
    /// - Returns: at least one byte, or an empty array when the peer has closed (EOF).
    /// - Throws: `SocketError.timedOut` if a receive timeout is set and passes first.
    /// The corresponding C call is `recv(2)`.
    public func receive(maximumLength: Int = 65_536) throws(SocketError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maximumLength)
        let count = try receive(into: &buffer)
        buffer.removeSubrange(count...)
        return buffer
    }

    /// Receives into a buffer you own. Returns the byte count; 0 means EOF.
    /// The corresponding C call is `recv(2)`.
    public func receive(into buffer: inout [UInt8]) throws(SocketError) -> Int {
        let descriptor = self.descriptor
        return try retryingInterrupts("recv") {
            buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        }
    }

    /// Receives exactly `count` bytes, looping as TCP requires.
    ///
    /// - Throws: `SocketError.connectionClosed` if the stream ends first.
    public func receive(exactly count: Int) throws(SocketError) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            let chunk = try receive(maximumLength: count - result.count)
            if chunk.isEmpty { throw SocketError.connectionClosed }
            result += chunk
        }
        return result
    }

    /// Closes the sending half: the peer reads EOF, but this side can still receive.
    /// The corresponding C call is `shutdown(2)` with `SHUT_WR`.
    public func shutdownWrite() throws(SocketError) {
        let descriptor = self.descriptor
        try retryingInterrupts("shutdown") { shutdown(descriptor, Platform.shutWrite) }
    }

    /// Makes `sendAll` give up with `SocketError.timedOut` if the peer stops reading.
    /// The corresponding C call is `setsockopt(2)` with `SO_SNDTIMEO`.
    public func setSendTimeout(_ seconds: Double?) throws(SocketError) {
        try setTimeout(SO_SNDTIMEO, seconds)
    }

    /// Turns off Nagle's algorithm, so small writes go out at once (`TCP_NODELAY`).
    /// The corresponding C call is `setsockopt(2)`.
    public func setNoDelay(_ on: Bool = true) throws(SocketError) {
        try setOption(Int32(IPPROTO_TCP), TCP_NODELAY, on ? 1 : 0, "setsockopt")
    }
}
