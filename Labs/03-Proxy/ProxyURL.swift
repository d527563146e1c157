/// Where a proxy request goes: `http://HOST[:PORT]/PATH`, taken apart.
public struct ProxyURL: Sendable, Equatable {
    /// Lower-case host name or address (an IPv6 address without its brackets).
    public var host: String
    public var port: UInt16
    /// The origin-form target: `/path?query`, never empty.
    public var path: String

    public init(host: String, port: UInt16, path: String) {
        self.host = host
        self.port = port
        self.path = path
    }

    /// The `Host` header for the origin: the port is kept unless it is 80 (RFC 9110 §7.2).
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }

    /// The normalised absolute URL: lower-case scheme and host, default port dropped.
    public var absolute: String { "http://\(hostHeader)\(path)" }

    /// The cache key: method and normalised URL, `GET http://example.com/a`.
    public func cacheKey(method: String) -> String { "\(method) \(absolute)" }
}
