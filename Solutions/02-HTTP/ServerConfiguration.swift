import NetLabKit

/// Everything a server can be told, with the defaults of `lab02-http server`.
public struct ServerConfiguration: Sendable {
    /// Address to bind (127.0.0.1 by default: reachable only from this machine).
    public var host = "127.0.0.1"
    /// Port to bind; 0 lets the kernel choose (read it from `start()`'s result).
    public var port: UInt16 = 8080
    /// The folder to serve.
    public var root = "."
    /// Worker threads: how many connections are served at the same time.
    public var threads = 8
    /// Accepted connections that may wait for a worker; beyond that, 503.
    public var queueCapacity = 64
    /// Seconds a connection may sit without starting a request before it is closed
    /// (keep-alive connections between requests, and silent new connections).
    public var idleTimeout: Double = 5
    /// Seconds from the first byte of a request to its last before the server answers 408
    /// and closes: a client that sends a byte a second cannot hold a worker forever.
    public var headerTimeout: Double = 10
    /// Seconds a send may block on a client that does not read before the server gives up.
    public var sendTimeout: Double = 30
    /// The `Retry-After` seconds in a 503.
    public var retryAfter = 1
    /// Size limits for requests.
    public var limits = HTTPLimits()
    /// The `Server` header.
    public var serverName = "lab02-http"
    /// Where request lines are logged, or `nil` for nowhere.
    public var accessLog: AccessLog?

    public init(root: String = ".") {
        self.root = root
    }
}
