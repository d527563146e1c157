import NetLabKit

// The enum and the `fetch` that collects the body are given, in `HTTPClient+Collect.swift`.
extension HTTPClient {
    /// Fetches a URL.
    ///
    /// - Parameters:
    ///   - url: an `http://` URL.
    ///   - method: `GET` or `HEAD` (any token works).
    ///   - headers: extra request headers (`Host`, `Connection: close` and a `User-Agent` are
    ///     added unless given).
    ///   - timeout: seconds for connecting and for each wait for bytes.
    ///   - body: called with each piece of the decoded body, in order.
    /// - Returns: the response head (its `body` is empty: the bytes went to `body`).
    /// - Throws: `ClientError`.
    public static func fetch(
        _ url: String, method: String = "GET", headers: HTTPHeaders = HTTPHeaders(), timeout: Double = 30,
        body: (ArraySlice<UInt8>) throws -> Void
    ) throws -> HTTPResponse {
        // TODO: parse the URL, connect (with `timeout`), set receive and send timeouts,
        // send the request (add Host, User-Agent and `Connection: close` unless given),
        // then `readResponse`. Wrap socket errors in `ClientError.socket`.
        throw NotImplemented("HTTPClient.fetch")
    }

    /// Reads one response from a connection: the head, then the body framed by
    /// `Content-Length`, chunked coding, or the end of the connection.
    public static func readResponse(
        from connection: TCPSocket, method: String, body: (ArraySlice<UInt8>) throws -> Void
    ) throws -> HTTPResponse {
        // TODO: receive until `HTTPResponse.decodeHead` returns a head (skip 1xx heads),
        // then read the body as `bodyFraming(requestMethod:)` says, passing each piece to
        // `body`. A Content-Length body cut short is `ClientError.truncated`.
        throw NotImplemented("HTTPClient.readResponse")
    }
}
