import NetLabKit

extension HTTPServer {
    /// Sends the response to one request.
    /// - Returns: whether the connection stays open for another request.
    ///
    /// TODO (part 2):
    /// - Ask `handler.respond(to:from:)` (the client is `session.connection.peer`); a
    ///   handler that throws gets `StaticFileHandler.error(500)`.
    /// - The connection stays open if `request.keepAlive` and the server is not stopping,
    ///   unless the body is a stream with neither `Content-Length` nor
    ///   `Transfer-Encoding`: such a body ends when the connection does.
    /// - Set `Date` (`session.now()`) and `Server` (`configuration.serverName`) unless the
    ///   handler set them (lab 03's proxy passes on the origin's), and
    ///   `Connection: close` if it closes, or `Connection: keep-alive` for an HTTP/1.0
    ///   client that stays.
    /// - `send` it (HEAD gets no body), and `log` one line: `METHOD TARGET VERSION`, the
    ///   status, the body bytes sent.
    /// - A response with `served.takeOver` (lab 03's `CONNECT`) never stays open: once it is
    ///   sent, call `takeOver(session.connection, unread)`, then return `false`.
    func answer(_ request: HTTPRequest, unread: [UInt8] = [], session: inout Session) throws -> Bool {
        throw NotImplemented("HTTPServer.answer")
    }

    /// Sends head and body.
    ///
    /// - Returns: the body bytes sent, or `nil` if the connection must close (the client
    ///   went away, or a file changed size under us and the framing would be a lie).
    ///
    /// TODO (part 2): `served.response.encodeHead()`, then the body: `.inline` is
    /// `served.response.body`; `.file` is a `FileRegion` (send a small one with the head in
    /// one `sendAll`, a large one 64 KiB at a time with `OpenFile.read(into:at:maximum:)`);
    /// `.stream` is a closure you call with a `write` function that sends each piece.
    func send(_ served: ServedResponse, bodyWanted: Bool, connection: TCPSocket) throws -> Int? {
        throw NotImplemented("HTTPServer.send")
    }

    /// Answers an error that ends the connection (400, 408, 414, 431, 505…).
    ///
    /// TODO (part 2): `StaticFileHandler.error(status)` with `Connection: close`, `Date` and
    /// `Server`; send it, and `log` it.
    func sendError(_ status: Int, requestLine: String, session: inout Session) throws {
        throw NotImplemented("HTTPServer.sendError")
    }
}
