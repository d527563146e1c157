import NetLabKit

/// One HTTP request: request line, headers, and body.
public struct HTTPRequest: Sendable, Equatable {
    /// The method token, case-sensitive: `GET`, `HEAD`, `POST`…
    public var method: String
    /// The request target exactly as sent: `/index.html?x=1`, or `http://host/` to a proxy.
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(
        method: String, target: String, version: HTTPVersion = .http11, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// Whether the connection stays open after this exchange (RFC 9112 §9.3): HTTP/1.1
    /// keeps it unless the client said `Connection: close`; HTTP/1.0 closes it unless the
    /// client said `Connection: keep-alive`.
    public var keepAlive: Bool {
        if headers.hasToken("close", in: "Connection") { return false }
        if version >= .http11 { return true }
        return headers.hasToken("keep-alive", in: "Connection")
    }

    /// Parses one request from the front of `bytes`. See `decode(_:limits:)` on slices.
    public static func decode(
        _ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()
    ) throws -> (request: HTTPRequest, length: Int)? {
        try decode(bytes[...], limits: limits)
    }
}
