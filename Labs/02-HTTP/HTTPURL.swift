import NetLabKit

/// An `http://` URL split into what a client needs: where to connect and what to ask for.
public struct HTTPURL: Sendable, Equatable {
    /// The host as written (without brackets for IPv6: `::1`).
    public var host: String
    public var port: UInt16
    /// The request target: path and query, `/` when the URL has no path.
    public var target: String

    public init(host: String, port: UInt16 = 80, target: String = "/") {
        self.host = host
        self.port = port
        self.target = target
    }

    /// What the `Host` header says: the host, with the port unless it is 80.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }
}
