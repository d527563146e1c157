import NetLabKit
import Synchronization

extension HTTPServer {
    /// Binds the listening socket and starts the acceptor, the workers and the idle set.
    ///
    /// - Returns: the bound address (with the real port when the configuration said 0).
    /// - Throws: `SocketError` if the address cannot be bound.
    ///
    /// TODO:
    /// 1. `TCPListener(bindingTo:)` on `configuration.host`/`port`; keep it in `listener`
    ///    (so `stop()` can close it) and read the real address back with `localAddress()`.
    /// 2. Start one worker per slot in `slots` with `startThread`. A worker loops:
    ///    `queue.take()`; put the connection in its slot, then check `isStopped`;
    ///    `serve(connection)`; empty the slot; then `idle.park(connection, idleTimeout:)` if
    ///    `serve` left it `.idle`, else close it. It must NOT hold any lock while serving:
    ///    the tests catch a pool that serves one connection at a time.
    /// 3. `idle.start()`.
    /// 4. Start the acceptor thread: `accept()`, then `queue.offer(connection)`; when the
    ///    queue is full, answer 503 with `Retry-After` and `Connection: close` right there,
    ///    and close.
    public func start() throws -> SocketAddress {
        throw NotImplemented("HTTPServer.start")
    }

    /// Stops accepting, closes every open connection, and lets the workers end.
    ///
    /// TODO: set `stopped` (only the first call goes on: `exchange`); close the listener
    /// (accept() then fails: the acceptor ends), close the queue (take() then throws: the
    /// workers end), `idle.stop()` (it closes the idle connections), close the connections
    /// in the workers' slots (their receive() returns), then `finished.signal()`.
    public func stop() {
    }
}
