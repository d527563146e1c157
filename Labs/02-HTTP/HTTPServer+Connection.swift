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
    /// TODO (part 2): a loop around a buffer of received bytes.
    /// 1. Bytes buffered? `answerBuffered`; if it says the connection ends, `finish` and
    ///    return `.closing`.
    /// 2. Nothing buffered? Do not spend a worker's time waiting: if
    ///    `connection.waitUntilReadable(timeout: 0)` says nothing is there, return `.idle`.
    /// 3. Part of a request buffered? It must be complete within
    ///    `configuration.headerTimeout` of its first byte, however slowly the rest trickles
    ///    in: `setReceiveTimeout` to the time left, and when none is left answer 408
    ///    (`sendError`), `finish`, and return `.closing`.
    /// 4. `connection.receive(into:)` and append. 0 bytes: the client closed. `.timedOut`
    ///    with a request started: 408.
    func serve(_ connection: TCPSocket) throws -> ConnectionState {
        throw NotImplemented("HTTPServer.serve")
    }

    /// Answers every complete request at the front of `buffer`, in order, and removes its
    /// bytes. What is left is the start of a request still arriving, or nothing.
    ///
    /// - Returns: whether the connection stays open: `false` after `Connection: close`,
    ///   or after a request that can never be valid (answered with its error status).
    ///
    /// TODO (part 2): while `HTTPRequest.decode` returns a request, remove its bytes and
    /// `answer` it, passing what is left of `buffer` as `unread` (a `CONNECT` tunnel's first
    /// bytes may already be there). A decode error (`HTTPError`): `sendError(error.status, …)`, and `false`.
    func answerBuffered(_ buffer: inout [UInt8], session: inout Session) throws -> Bool {
        throw NotImplemented("HTTPServer.answerBuffered")
    }

    /// Closes politely: stop sending, then read (briefly) what the client still sends, so
    /// the kernel does not answer unread bytes with a reset that destroys our last response.
    ///
    /// TODO (part 2): `shutdownWrite()`, then receive and discard, with a short receive
    /// timeout, for at most a second or until the client closes.
    func finish(_ connection: TCPSocket) {
    }
}
