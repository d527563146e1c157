import NetLabKit

extension HTTPServer {
    /// Serves one connection until it closes, times out, or asks to close: read bytes,
    /// decode every complete request in them (pipelined requests are answered in order),
    /// answer each, and read again.
    ///
    /// TODO (parts 2, 3 and 4):
    /// - Keep a buffer of received bytes. While `HTTPRequest.decode` returns a request,
    ///   remove its bytes, answer it with `handler.respond(to:)`, and add `Date`, `Server`,
    ///   and `Connection: close` when the connection will close. HEAD gets no body.
    /// - A decode error: send `StaticFileHandler.error(error.status)` and close.
    /// - Between requests, wait at most `configuration.idleTimeout` for the next byte
    ///   (`setReceiveTimeout`); once a request has started, it must be complete within
    ///   `configuration.headerTimeout` of its first byte, or the answer is 408.
    /// - Log each request with `AccessLog.commonLogLine` to `configuration.accessLog`.
    /// - Before closing after an error, `shutdownWrite()` and read what the client still
    ///   sends for a moment: closing with unread bytes makes the kernel send a reset, which
    ///   can destroy your error response before the client reads it.
    func serve(_ connection: TCPSocket) throws {
        throw NotImplemented("HTTPServer.serve")
    }
}
