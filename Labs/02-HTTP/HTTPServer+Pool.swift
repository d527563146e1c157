import NetLabKit
import Synchronization

extension HTTPServer {
    /// Binds the listening socket and starts the acceptor, the workers and the idle set.
    ///
    /// - Returns: the bound address (with the real port when the configuration said 0).
    /// - Throws: `SocketError` if the address cannot be bound.
    ///
    /// TODO (part 2):
    /// 1. `TCPListener(bindingTo:)` on `configuration.host`/`port`; keep it in `listener`
    ///    (so `stop()` can close it) and read the real address back with `localAddress()`.
    /// 2. Start one worker per slot in `slots` with `startThread`. A worker loops:
    ///    `queue.take()`; put the connection in its slot, then check `isStopped`;
    ///    `serve(connection)` (if it throws, close the connection); empty the slot; then
    ///    `idle.park(connection, idleTimeout:)` if `serve` left it `.idle`, else close it. It
    ///    must NOT hold any lock while serving: the tests catch a pool that serves one
    ///    connection at a time.
    /// 3. `idle.start()`.
    /// 4. Start the acceptor thread: `accept()`, `setNoDelay()`, `setSendTimeout`, then
    ///    `queue.offer(connection)`. When the queue is full, `reject(connection)` answers 503
    ///    (part 3: until you write it, it throws; then just close the connection).
    public func start() throws -> SocketAddress {
        throw NotImplemented("HTTPServer.start")
    }

    /// Stops accepting, closes every open connection, and lets the workers end.
    ///
    /// TODO (part 2): set `stopped` (only the first call goes on: `exchange`); close the
    /// listener (accept() then fails: the acceptor ends), close the queue (take() then
    /// throws: the workers end), `idle.stop()` (it closes the idle connections), close the
    /// connections in the workers' slots (their receive() returns), then
    /// `wakeWaitersForStop()`.
    public func stop() {
    }

    /// Writes one access-log line, if there is a log (`answer`, `sendError` and `reject`
    /// call it).
    ///
    /// TODO (part 2): `AccessLog.commonLogLine`, with `active:` set to `openConnections`,
    /// written to `configuration.accessLog` if it is not `nil`.
    func log(client: String, time: Int, requestLine: String, status: Int, bytes: Int) {
    }
}
