import NetLabKit

extension HTTPServer {
    /// Serves the requests waiting on one connection: read bytes, decode every complete
    /// request in them (pipelined requests are answered in order), answer each, and read
    /// again while a request is incomplete.
    ///
    /// - Returns: `.idle` as soon as no request is pending, so that a worker never waits for
    ///   a client's next request (the worker parks the connection in `idle`); `.closing`
    ///   when the connection must close.
    ///
    /// TODO (parts 2, 3 and 4):
    /// - Keep a buffer of received bytes. While `HTTPRequest.decode` returns a request,
    ///   remove its bytes, answer it with `handler.respond(to:from:)` (the client is
    ///   `connection.peer`), and add `Date`, `Server`, and `Connection: close` when the
    ///   connection will close. HEAD gets no body.
    /// - The body is `response.body`, part of a file, or a stream (`ResponseBody`). A stream
    ///   whose head has neither `Content-Length` nor `Transfer-Encoding` ends with the
    ///   connection: close it afterwards.
    /// - A decode error: send `StaticFileHandler.error(error.status)` and close.
    /// - Nothing buffered? Do not wait on a worker's time: if `waitUntilReadable(timeout: 0)`
    ///   says there is nothing to read, return `.idle`. Once a request has started, it must
    ///   be complete within `configuration.headerTimeout` of its first byte
    ///   (`setReceiveTimeout`), or the answer is 408.
    /// - Log each request with `AccessLog.commonLogLine` to `configuration.accessLog`
    ///   (`active:` is `openConnections`).
    /// - Before closing after an error, `shutdownWrite()` and read what the client still
    ///   sends for a moment: closing with unread bytes makes the kernel send a reset, which
    ///   can destroy your error response before the client reads it.
    func serve(_ connection: TCPSocket) throws -> ConnectionState {
        throw NotImplemented("HTTPServer.serve")
    }
}
