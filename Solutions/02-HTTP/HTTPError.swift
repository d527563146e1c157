import NetLabKit

/// Why a message could not be parsed, each case with the status code a server answers.
///
/// The parser throws these; the server turns them into a response and closes the
/// connection (after a framing error nothing later on the stream can be trusted).
public enum HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Malformed syntax: a bad request line, a header without a colon, a missing `Host`… (400)
    case badRequest(String)
    /// The request line is longer than the server accepts (414, RFC 9112 §3).
    case uriTooLong
    /// The header section is larger than the server accepts (431, RFC 6585 §5).
    case headersTooLarge
    /// The body is larger than the server accepts (413).
    case contentTooLarge
    /// A transfer coding the parser does not know (501, RFC 9112 §6.1).
    case unsupportedTransferCoding(String)
    /// An HTTP major version other than 1 (505).
    case versionNotSupported(String)

    /// The status code a server sends for this error.
    public var status: Int {
        switch self {
        case .badRequest: return 400
        case .uriTooLong: return 414
        case .headersTooLarge: return 431
        case .contentTooLarge: return 413
        case .unsupportedTransferCoding: return 501
        case .versionNotSupported: return 505
        }
    }

    public var description: String {
        switch self {
        case .badRequest(let why): return "bad request: \(why)"
        case .uriTooLong: return "request line too long"
        case .headersTooLarge: return "header section too large"
        case .contentTooLarge: return "body too large"
        case .unsupportedTransferCoding(let coding): return "unsupported transfer coding '\(coding)'"
        case .versionNotSupported(let version): return "unsupported version '\(version)'"
        }
    }
}

/// The reason phrases of the status codes this lab uses (RFC 9110 §15).
public enum HTTPStatus {
    public static func reason(_ code: Int) -> String {
        switch code {
        case 200: return "OK"
        case 204: return "No Content"
        case 206: return "Partial Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 416: return "Range Not Satisfiable"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 505: return "HTTP Version Not Supported"
        default: return "Unknown"
        }
    }
}

/// Size limits the parser enforces, so a peer cannot make a server buffer without bound.
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request line or status line, in bytes, without its CRLF (414 beyond it).
    public var maxStartLineBytes: Int
    /// Largest header section (every field line with its CRLF), in bytes (431 beyond it).
    public var maxHeaderBytes: Int
    /// Most header fields (431 beyond it).
    public var maxHeaderCount: Int
    /// Largest body the parser buffers (413 beyond it).
    public var maxBodyBytes: Int

    public init(
        maxStartLineBytes: Int = 8_192, maxHeaderBytes: Int = 16_384, maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 1 << 20
    ) {
        self.maxStartLineBytes = maxStartLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}
