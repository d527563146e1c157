import NetLabKit

extension HTTPServer {
    /// Answers 503 on the acceptor's thread without reading the request: the queue is full,
    /// so no worker will.
    ///
    /// TODO (part 3): `StaticFileHandler.error(503)` with `Retry-After`
    /// (`configuration.retryAfter`), `Connection: close`, `Date` and `Server`. Send it with a
    /// short send timeout (the acceptor must never block for long), `shutdownWrite()`, read
    /// whatever has already arrived without waiting (`recv` with `MSG_DONTWAIT`; closing
    /// with unread bytes sends a reset that can destroy the 503), close, and `log` it with
    /// the request line `-`.
    func reject(_ connection: TCPSocket) throws {
        throw NotImplemented("HTTPServer.reject")
    }
}
