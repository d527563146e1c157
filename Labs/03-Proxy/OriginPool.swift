import NetLabKit

/// Idle connections to origins, kept for the next request to the same `host:port`.
///
/// Opening a TCP connection costs a round trip and two system calls more than reusing one,
/// and an origin under load often caps how many it accepts: a proxy that opens a connection
/// per miss spends more time connecting than relaying. After a response whose body ended
/// where its framing said (`Content-Length` or chunked), the connection is at the start of
/// the next response, and can carry another request (RFC 9112 §9.3).
///
/// Every miss takes this pool's lock twice, so it is the kit's `Monitor` (a plain pthread
/// mutex) rather than Synchronization's `Mutex`, for the reason `LRUCache` gives.
// Sendable: `idle` is touched only inside `lock`.
public final class OriginPool: @unchecked Sendable {
    /// The most idle connections kept for one origin; more are closed.
    public let perOrigin: Int
    private let lock = Monitor()
    private var idle: [String: [TCPSocket]] = [:]

    public init(perOrigin: Int = 32) {
        self.perOrigin = perOrigin
    }

    /// An idle connection to `host:port` that the origin has not closed, or `nil`.
    ///
    /// A connection the origin closed while it sat here reads as readable (its end of file);
    /// it is closed and the next one is tried.
    public func take(host: String, port: UInt16) -> TCPSocket? {
        let key = "\(host):\(port)"
        while let socket = lock.withLock({ idle[key]?.popLast() }) {
            if let readable = try? socket.waitUntilReadable(timeout: 0), !readable { return socket }
            socket.close()
        }
        return nil
    }

    /// Keeps `socket`, connected to `host:port` and between responses, for a later request.
    public func give(_ socket: TCPSocket, host: String, port: UInt16) {
        let key = "\(host):\(port)"
        let kept = lock.withLock {
            guard idle[key, default: []].count < perOrigin else { return false }
            idle[key, default: []].append(socket)
            return true
        }
        if !kept { socket.close() }
    }

    /// How many idle connections are kept, for all origins.
    public var count: Int { lock.withLock { idle.values.reduce(0) { $0 + $1.count } } }
}
