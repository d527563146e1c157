import NetLabKit

/// A small HTTP/1.1 client: one request per connection, the body streamed to a closure.
public enum HTTPClient {
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

    /// Fetches a URL and collects the body in memory.
    public static func fetch(
        _ url: String, method: String = "GET", headers: HTTPHeaders = HTTPHeaders(), timeout: Double = 30
    ) throws -> HTTPResponse {
        var collected: [UInt8] = []
        var response = try fetch(url, method: method, headers: headers, timeout: timeout) { collected += $0 }
        response.body = collected
        return response
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
