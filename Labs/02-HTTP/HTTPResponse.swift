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

    /// The whole response: head, then body as it is (set `Content-Length` yourself).
    public func encode() throws -> [UInt8] {
        try encodeHead() + body
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
}
