/// An open socket: a file descriptor that is closed exactly once.
///
/// `UDPSocket`, `TCPSocket` and `TCPListener` build on this. It holds what every kind of
/// socket shares: binding, the local address, timeouts, and closing.
///
/// A socket may be used from several threads (one receiving, one sending is common), and
/// `close()` may race with a blocked receive. The descriptor is therefore kept in a `Mutex`.
internal import NetLabSystem
import Synchronization

public class Socket: @unchecked Sendable {  // Sendable: the only mutable state is behind `state`'s Mutex.
    private let state: Mutex<Int32>

    /// The raw file descriptor, or -1 once closed. Use it for `poll(2)`; do not close it.
    public var descriptor: Int32 { state.withLock { $0 } }

    /// Opens a new socket.
    ///
    /// - Parameters:
    ///   - family: `AF_INET` or `AF_INET6`.
    ///   - type: `Platform.datagram` (UDP) or `Platform.stream` (TCP).
    /// The corresponding C call is `socket(2)`.
    init(family: Int32, type: Int32) throws(SocketError) {
        let descriptor = try retryingInterrupts("socket") { socket(family, type, 0) }
        Platform.prepare(descriptor)
        state = Mutex(descriptor)
    }

    /// Adopts a descriptor returned by `accept(2)`.
    init(adopting descriptor: Int32) {
        Platform.prepare(descriptor)
        state = Mutex(descriptor)
    }

    deinit { close() }

    /// Closes the socket. Safe to call more than once.
    /// The corresponding C call is `close(2)`.
    public func close() {
        let descriptor = state.withLock { value in
            defer { value = -1 }
            return value
        }
        if descriptor >= 0 {
            // shutdown first, so a thread blocked in recv/accept on this socket wakes up.
            _ = shutdown(descriptor, Int32(SHUT_RDWR))
            _ = System.close(descriptor)
        }
    }

    /// Lets a new socket bind a port that a recently closed one left in TIME_WAIT.
    /// The corresponding C call is `setsockopt(2)` with `SO_REUSEADDR`.
    public func setReuseAddress(_ on: Bool = true) throws(SocketError) {
        try setOption(SOL_SOCKET, SO_REUSEADDR, on ? 1 : 0, "setsockopt")
    }

    /// Allows sending to a broadcast address such as 255.255.255.255 (DHCP needs this).
    /// The corresponding C call is `setsockopt(2)` with `SO_BROADCAST`.
    public func setBroadcast(_ on: Bool = true) throws(SocketError) {
        try setOption(SOL_SOCKET, SO_BROADCAST, on ? 1 : 0, "setsockopt")
    }

    /// Ties the socket to one network interface (`eth0`, `veth0`): it then sends and receives
    /// only there, and a broadcast to 255.255.255.255 leaves by that interface even when it
    /// has no address yet (a DHCP client's case). Call it before `bind(to:)`. Needs root on Linux.
    /// The corresponding C call is `setsockopt(2)` with `SO_BINDTODEVICE` (`IP_BOUND_IF` on macOS).
    public func bind(toInterface name: String) throws(SocketError) {
        let descriptor = self.descriptor
        try retryingInterrupts("setsockopt") { Platform.bindToDevice(descriptor, name) }
    }

    /// Makes `receive` give up with `SocketError.timedOut` after `seconds`.
    /// Pass `nil` to wait forever.
    /// The corresponding C call is `setsockopt(2)` with `SO_RCVTIMEO`.
    public func setReceiveTimeout(_ seconds: Double?) throws(SocketError) {
        try setTimeout(SO_RCVTIMEO, seconds)
    }

    /// Sets `SO_RCVTIMEO` or `SO_SNDTIMEO`; `nil` means wait forever.
    func setTimeout(_ option: Int32, _ seconds: Double?) throws(SocketError) {
        var value = timeval()
        if let seconds {
            // A zero timeval means "forever" to the kernel, so round tiny timeouts up.
            let micros = max(Int(seconds * 1_000_000), 1)
            value.tv_sec = .init(micros / 1_000_000)
            value.tv_usec = .init(micros % 1_000_000)
        }
        let descriptor = self.descriptor
        try retryingInterrupts("setsockopt") {
            setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
        }
    }

    /// Sets the kernel's receive buffer size in bytes (`SO_RCVBUF`).
    /// The corresponding C call is `setsockopt(2)`.
    public func setReceiveBufferSize(_ bytes: Int) throws(SocketError) {
        try setOption(SOL_SOCKET, SO_RCVBUF, Int32(bytes), "setsockopt")
    }

    /// The kernel's receive buffer size in bytes (`SO_RCVBUF`), as the kernel granted it.
    /// Linux doubles what you asked for (the extra is for its bookkeeping) and caps the
    /// request at `/proc/sys/net/core/rmem_max`, so read it back rather than assume.
    /// The corresponding C call is `getsockopt(2)`.
    public func receiveBufferSize() throws(SocketError) -> Int {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        let descriptor = self.descriptor
        try retryingInterrupts("getsockopt") { getsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &value, &length) }
        return Int(value)
    }

    /// Sets the kernel's send buffer size in bytes (`SO_SNDBUF`).
    /// The corresponding C call is `setsockopt(2)`.
    public func setSendBufferSize(_ bytes: Int) throws(SocketError) {
        try setOption(SOL_SOCKET, SO_SNDBUF, Int32(bytes), "setsockopt")
    }

    /// Gives the socket a local address. Port 0 asks the kernel to pick a free port;
    /// read it back with `localAddress()`.
    /// The corresponding C call is `bind(2)`.
    public func bind(to address: SocketAddress) throws(SocketError) {
        let descriptor = self.descriptor
        try retryingInterrupts("bind") {
            address.withSockaddr { System.bind(descriptor, $0, $1) }
        }
    }

    /// The address this socket is bound to, with the real port if you bound port 0.
    /// The corresponding C call is `getsockname(2)`.
    public func localAddress() throws(SocketError) -> SocketAddress {
        let descriptor = self.descriptor
        let (result, address) = SocketAddress.capture { Int(getsockname(descriptor, $0, $1)) }
        if result < 0 { throw SocketError.lastError("getsockname") }
        return address
    }

    /// Waits until the socket has data to read, or `seconds` pass.
    ///
    /// `poll(2)` counts whole milliseconds: rounding 0.3 ms up to 1 ms would make every short
    /// wait (a server holding an ACK back 1 ms) last up to twice as long as asked. `select(2)`
    /// counts microseconds, so it does the waiting; it can only watch descriptors below its
    /// set's size (1,024), and `poll` waits for the rare socket past that.
    ///
    /// - Returns: `true` if a read will not block, `false` on timeout.
    /// The corresponding C call is `select(2)`, or `poll(2)`.
    public func waitUntilReadable(timeout seconds: Double) throws(SocketError) -> Bool {
        let descriptor = self.descriptor
        let wanted = max(0, min(seconds, Double(Int32.max) / 1000))
        guard Int(descriptor) < MemoryLayout<fd_set>.size * 8 else {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32((wanted * 1000).rounded(.up))
            return try retryingInterrupts("poll") { poll(&entry, 1, milliseconds) } > 0
        }
        let whole = wanted.rounded(.down)
        let ready = try retryingInterrupts("select") {
            var watched = fd_set()
            // FD_SET: bit `descriptor` of the set, counted from the first byte (little-endian).
            withUnsafeMutableBytes(of: &watched) { $0[Int(descriptor) / 8] |= UInt8(1) << (descriptor % 8) }
            var limit = timeval(tv_sec: Int(whole), tv_usec: numericCast(Int((wanted - whole) * 1_000_000)))
            return select(descriptor + 1, &watched, nil, nil, &limit)
        }
        return ready > 0
    }

    func setOption(_ level: Int32, _ name: Int32, _ value: Int32, _ call: String) throws(SocketError) {
        var value = value
        let descriptor = self.descriptor
        try retryingInterrupts(call) {
            setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }
}
