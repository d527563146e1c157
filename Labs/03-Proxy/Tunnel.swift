import Lab02HTTP
import NetLabKit

/// `CONNECT host:port` (RFC 9110 §9.3.6): after `200`, the proxy copies bytes both ways and
/// never looks at them, which is how HTTPS goes through an HTTP proxy.
public enum Tunnel {
    /// Splits a CONNECT target `host:port` (`[::1]:443` for IPv6, brackets removed).
    /// - Returns: `nil` without a valid port (1…65535) or without a host.
    public static func authority(_ target: String) throws -> (host: String, port: UInt16)? {
        throw NotImplemented("Tunnel.authority")
    }

    /// Copies bytes from each socket to the other until either side closes or fails, or
    /// nothing moves for `idleTimeout` seconds; then closes `origin`.
    ///
    /// - Returns: the bytes copied from origin to client.
    ///
    /// TODO (part 8): a `PollSet` with both descriptors; `wait` for either to be readable;
    /// `receive(into:)` from it and `sendAll` to the other. 0 bytes means that side closed.
    @discardableResult
    public static func pipe(client: TCPSocket, origin: TCPSocket, idleTimeout: Double = 300) throws -> Int {
        throw NotImplemented("Tunnel.pipe")
    }
}
