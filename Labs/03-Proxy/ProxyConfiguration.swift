import Lab02HTTP
import NetLabKit

/// Everything `lab03-proxy server` can be told, with its defaults.
public struct ProxyConfiguration: Sendable {
    /// Address and port to bind, worker threads: lab 02's server settings.
    public var server: ServerConfiguration
    /// The cache's total byte budget (proxylab's 1 MiB).
    public var cacheBytes = 1_048_576
    /// The largest body the cache keeps (proxylab's 100 KiB); larger ones stream through.
    public var maxObject = 102_400
    /// Seconds to wait for an origin to accept a connection, and for each of its reads.
    public var timeout: Double = 5
    /// Ports a `CONNECT` may reach; others get 403.
    public var connectPorts: Set<UInt16> = [443]
    /// The name this proxy puts in `Via` (and looks for there to detect a loop).
    public var viaName = "lab03-proxy"
    /// Where squid-style access log lines go, or `nil` for nowhere.
    public var accessLog: OpenFile?

    public init() {
        server = ServerConfiguration()
        server.port = 8888
        server.threads = 16
        server.serverName = "lab03-proxy"
    }
}
