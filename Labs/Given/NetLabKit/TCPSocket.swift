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

    /// Sends every byte of `first` and then of `second`, without first copying them into one
    /// array: a frame's header and its payload leave in one call, usually, as if they were
    /// one buffer. A closed peer gives an error, never SIGPIPE.
    ///
    /// - Throws: `SocketError.systemCall("sendmsg", EPIPE)` if the peer has gone.
    /// The corresponding C call is `sendmsg(2)` with two `iovec`s and `MSG_NOSIGNAL`.
    public func sendAll(_ first: [UInt8], _ second: [UInt8]) throws(SocketError) {
        let descriptor = self.descriptor
        let failure: SocketError? = first.withUnsafeBytes { head in
            second.withUnsafeBytes { tail in
                // Gather both while part of `first` is still unsent; the rest of `second` after.
                var offset = 0
                while offset < head.count {
                    let written = retryingInterrupts {
                        gather(descriptor, UnsafeRawBufferPointer(rebasing: head[offset...]), tail)
                    }
                    if written < 0 { return SocketError.failure("sendmsg", errno: errno) }
                    if written == 0 { return SocketError.failure("sendmsg", errno: EIO) }
                    offset += written
                }
                return sendEveryByte(of: UnsafeRawBufferPointer(rebasing: tail[(offset - head.count)...]))
            }
        }
        if let failure { throw failure }
    }

    /// One `sendmsg` of `first` then `second`: the count sent, or -1 with `errno` set.
    private func gather(_ descriptor: Int32, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> Int {
        withUnsafeTemporaryAllocation(of: iovec.self, capacity: 2) { vectors in
            vectors[0] = iovec(iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress), iov_len: first.count)
            vectors[1] = iovec(iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress), iov_len: second.count)
            var message = msghdr()
            message.msg_iov = vectors.baseAddress
            message.msg_iovlen = numericCast(2)
            return sendmsg(descriptor, &message, Platform.noSignal)
        }
    }

    /// The one send loop behind the `sendAll`s: `nil`, or the error that stopped it.
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
        // recv writes straight into the array's fresh memory, so there is no need to fill
        // it with zeros first; the array then counts only the bytes recv wrote.
        var failure: SocketError?
        let bytes = [UInt8](unsafeUninitializedCapacity: max(0, maximumLength)) { memory, written in
            do throws(SocketError) {
                written = try receive(into: UnsafeMutableRawBufferPointer(memory))
            } catch {
                failure = error
                written = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Receives into a buffer you own. Returns the byte count; 0 means EOF.
    /// The corresponding C call is `recv(2)`.
    public func receive(into buffer: inout [UInt8]) throws(SocketError) -> Int {
        let descriptor = self.descriptor
        return try retryingInterrupts("recv") {
            buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        }
    }

    /// Receives into raw memory you own, such as the free end of a larger buffer, so that
    /// nothing is copied twice. Returns the byte count; 0 means EOF.
    /// The corresponding C call is `recv(2)`.
    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> Int {
        let descriptor = self.descriptor
        return try retryingInterrupts("recv") { recv(descriptor, buffer.baseAddress, buffer.count, 0) }
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
