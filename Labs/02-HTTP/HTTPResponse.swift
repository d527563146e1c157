import NetLabKit

/// One HTTP response: status line, headers, and body.
public struct HTTPResponse: Sendable, Equatable {
    public var version: HTTPVersion
    public var status: Int
    public var reason: String
    public var headers: HTTPHeaders
    public var body: [UInt8]

    /// - Parameter reason: the reason phrase; by default the standard one for `status`.
    public init(
        status: Int, reason: String? = nil, version: HTTPVersion = .http11, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.version = version
        self.status = status
        self.reason = reason ?? HTTPStatus.reason(status)
        self.headers = headers
        self.body = body
    }

    /// The status line and headers, ended by the blank line (RFC 9112 §4):
    /// `HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n`.
    ///
    /// TODO: every line ends with CRLF, and the head ends with an empty line.
    public func encodeHead() throws -> [UInt8] {
        throw NotImplemented("HTTPResponse.encodeHead")
    }

    /// The whole response: head, then body as it is (set `Content-Length` yourself).
    public func encode() throws -> [UInt8] {
        try encodeHead() + body
    }

    /// Parses a status line and headers from the front of `bytes` (the client's side).
    ///
    /// - Returns: `nil` if more bytes are needed; otherwise the response (with an empty
    ///   body) and the length of its head. Read the body as `bodyFraming` says.
    /// - Throws: `HTTPError.badRequest` for a malformed head, `.headersTooLarge` past the limits.
    ///
    /// TODO: the header lines follow the same rules as a request's: share that code with
    /// `HTTPRequest.decode`. The status line is `HTTP/1.1 200 OK`: version, space, three
    /// digits, then optionally a space and a reason phrase (which may be empty).
    public static func decodeHead(
        _ bytes: ArraySlice<UInt8>, limits: HTTPLimits = HTTPLimits()
    ) throws -> (response: HTTPResponse, length: Int)? {
        throw NotImplemented("HTTPResponse.decodeHead")
    }

    /// Parses a response head from the front of `bytes`. See the slice version.
    public static func decodeHead(
        _ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()
    ) throws -> (response: HTTPResponse, length: Int)? {
        try decodeHead(bytes[...], limits: limits)
    }

    /// How a response's body is delimited (RFC 9112 §6.3).
    public enum BodyFraming: Sendable, Equatable {
        /// No body at all: a reply to HEAD, 1xx, 204 or 304.
        case none
        /// Exactly this many bytes.
        case length(Int)
        /// `Transfer-Encoding: chunked`: decode with `ChunkedDecoder`.
        case chunked
        /// Everything until the server closes the connection.
        case untilClose
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
