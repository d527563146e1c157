import NetLabKit

extension HTTPResponse {
    /// The status line and headers, ended by the blank line (RFC 9112 §4):
    /// `HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n`.
    ///
    /// TODO: every line ends with CRLF, and the head ends with an empty line.
    public func encodeHead() throws -> [UInt8] {
        throw NotImplemented("HTTPResponse.encodeHead")
    }

    /// Parses a status line and headers from the front of `bytes` (the client's side).
    ///
    /// - Returns: `nil` if more bytes are needed; otherwise the response (with an empty
    ///   body) and the length of its head. Read the body as `bodyFraming` says.
    /// - Throws: `HTTPError.badRequest` for a malformed head, `.headersTooLarge` past the limits.
    ///
    /// TODO: the header lines follow the same rules as a request's: share that code with
    /// `HTTPRequest.decode`. The status line is `HTTP/1.1 200 OK`: version, space, three
    /// digits, then optionally a space and a reason phrase (which may be empty). The first
    /// digit is the class, 1 to 5 (RFC 9110 §15): `000` is no status.
    public static func decodeHead(
        _ bytes: ArraySlice<UInt8>, limits: HTTPLimits = HTTPLimits()
    ) throws -> (response: HTTPResponse, length: Int)? {
        throw NotImplemented("HTTPResponse.decodeHead")
    }

    /// How to read this response's body.
    ///
    /// - Parameter requestMethod: the method of the request it answers (a reply to HEAD
    ///   has no body even when it carries `Content-Length`).
    /// - Throws: `HTTPError.badRequest` for an invalid `Content-Length`.
    ///
    /// TODO: RFC 9112 §6.3, in order: HEAD/1xx/204/304 have none; then chunked; then
    /// Content-Length; otherwise until the connection closes.
    public func bodyFraming(requestMethod: String) throws -> BodyFraming {
        throw NotImplemented("HTTPResponse.bodyFraming")
    }
}
