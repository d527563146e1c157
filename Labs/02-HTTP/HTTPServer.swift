import NetLabKit
import NetLabSystem
import Synchronization

/// A static file server: one acceptor thread, a fixed pool of worker threads, and a bounded
/// queue of accepted connections between them.
///
/// ```
/// acceptor ──offer──▶ [ queue: capacity N ] ──take──▶ worker 1 … worker T
///     └─ queue full: 503 + Retry-After, close
/// ```
///
/// ```swift
/// var configuration = ServerConfiguration(root: "site")
/// configuration.port = 0
/// let server = try HTTPServer(configuration: configuration)
/// let address = try server.start()      // bound and serving
/// …
/// server.stop()
/// ```
public final class HTTPServer: Sendable {
    public let configuration: ServerConfiguration
    let handler: StaticFileHandler
    let queue: BoundedQueue<TCPSocket>

    // TODO: the shared state the threads need, behind a Mutex: the listener (so stop() can
    // close it), the connections being served (so stop() can close them, and for the
    // active count), and a `stopped` flag.
    private let finished: CountingSemaphore

    /// - Throws: `StaticRoot.RootError` if the root is not a directory.
    public init(configuration: ServerConfiguration) throws {
        self.configuration = configuration
        handler = StaticFileHandler(root: try StaticRoot(path: configuration.root))
        queue = try BoundedQueue(capacity: configuration.queueCapacity)
        finished = try CountingSemaphore(0)
    }

    /// Binds the listening socket and starts the acceptor and the workers.
    ///
    /// - Returns: the bound address (with the real port when the configuration said 0).
    /// - Throws: `SocketError` if the address cannot be bound.
    ///
    /// TODO:
    /// 1. `TCPListener(bindingTo:)` on `configuration.host`/`port`; read the real address
    ///    back with `localAddress()`.
    /// 2. Start `configuration.threads` workers with `startThread`. A worker loops:
    ///    `queue.take()`, then `serve(connection)`, then close it. It must NOT hold any lock
    ///    while serving: the tests catch a pool that serves one connection at a time.
    /// 3. Start the acceptor thread: `accept()`, then `queue.offer(connection)`; when the
    ///    queue is full, answer 503 with `Retry-After` and `Connection: close` right there,
    ///    and close.
    public func start() throws -> SocketAddress {
        throw NotImplemented("HTTPServer.start")
    }

    /// Connections being served by a worker right now.
    public var activeConnections: Int {
        0  // TODO
    }

    /// Stops accepting, closes every open connection, and lets the workers end.
    ///
    /// TODO: close the listener (accept() then fails: the acceptor ends), close the queue
    /// (take() then throws: the workers end), close the connections being served (their
    /// receive() returns), then `finished.signal()`.
    public func stop() {
    }

    /// Blocks the calling thread until `stop()` is called.
    public func waitUntilStopped() {
        finished.wait()
        finished.signal()
    }
}
