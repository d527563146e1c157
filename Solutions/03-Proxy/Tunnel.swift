import Lab02HTTP
import NetLabKit

/// `CONNECT host:port` (RFC 9110 §9.3.6): after `200`, the proxy copies bytes both ways and
/// never looks at them, which is how HTTPS goes through an HTTP proxy.
public enum Tunnel {
    /// Splits a CONNECT target `host:port` (`[::1]:443` for IPv6).
    /// - Returns: `nil` without a valid port.
    public static func authority(_ target: String) throws -> (host: String, port: UInt16)? {
        guard let colon = target.lastIndex(of: ":"), let port = UInt16(target[target.index(after: colon)...]),
            port > 0
        else { return nil }
        var host = target[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { return nil }
        return (String(host), port)
    }

    /// Copies bytes from each socket to the other until either side closes or fails, or
    /// nothing moves for `idleTimeout` seconds; then closes `origin`.
    ///
    /// - Returns: the bytes copied from origin to client.
    @discardableResult
    public static func pipe(client: TCPSocket, origin: TCPSocket, idleTimeout: Double = 300) throws -> Int {
        defer { origin.close() }
        var set = PollSet()
        set.add(client.descriptor)
        set.add(origin.descriptor)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var toClient = 0
        while true {
            guard let ready = try? set.wait(timeout: idleTimeout), !ready.isEmpty else { return toClient }
            for descriptor in ready {
                let (from, to) = descriptor == client.descriptor ? (client, origin) : (origin, client)
                guard let count = try? from.receive(into: &buffer), count > 0 else { return toClient }
                do {
                    try buffer.withUnsafeBytes { raw in
                        try to.sendAll(UnsafeRawBufferPointer(rebasing: raw[0..<count]))
                    }
                } catch {
                    return toClient
                }
                if from === origin { toClient += count }
            }
        }
    }
}
