import NetLabKit

/// What a server does with each request: the part that differs between a file server, a
/// proxy and a web application. `HTTPServer` accepts connections, parses requests, calls
/// your handler on one of its worker threads, and sends what the handler returns.
///
/// ```swift
/// struct Hello: HTTPHandler {
///     func respond(to request: HTTPRequest, from client: SocketAddress) throws -> ServedResponse {
///         let body = Array("hello, \(client.ip)\n".utf8)
///         let headers = HTTPHeaders([("Content-Type", "text/plain"), ("Content-Length", String(body.count))])
///         return ServedResponse(response: HTTPResponse(status: 200, headers: headers, body: body))
///     }
/// }
/// let server = try HTTPServer(configuration: configuration, handler: Hello())
/// ```
public protocol HTTPHandler: Sendable {
    /// The response to one request.
    ///
    /// Called on a worker thread, and on several at once for different connections: keep
    /// shared state behind a lock. The server adds `Connection`, and `Date` and `Server`
    /// unless the handler set them (a proxy passes on the origin's); the rest of the head
    /// (`Content-Type`, `Content-Length`…) is the handler's. A HEAD request gets the same
    /// head as GET would; the server leaves out the body.
    ///
    /// - Parameters:
    ///   - request: the whole request as the client sent it: method, target (origin-form
    ///     `/a?b`, or absolute-form `http://host:8080/a?b` when the client takes this server
    ///     for a proxy, RFC 9112 §3.2.2), version, headers and body.
    ///   - client: the address of the client at the other end of the connection.
    /// - Throws: anything; the server answers `500 Internal Server Error`.
    func respond(to request: HTTPRequest, from client: SocketAddress) throws -> ServedResponse
}

/// What a handler decided: the response's head, and where its body comes from.
public struct ServedResponse: Sendable {
    /// The status line and headers, and the body when it is in memory (`.inline`).
    public var response: HTTPResponse
    public var body: ResponseBody
    /// Called with the client's connection after the head (and body) are sent, for a
    /// handler that takes the connection over, such as a proxy's `CONNECT` tunnel, and with
    /// the bytes the client sent after the request that the server has already read (a
    /// client may send its first bytes for the tunnel without waiting for the answer). The
    /// server closes the connection when it returns and reads no more requests from it.
    public var takeOver: (@Sendable (_ connection: TCPSocket, _ unread: [UInt8]) throws -> Void)?

    /// A response whose body is `response.body`, or part of a file when `file` is given.
    public init(response: HTTPResponse, file: FileRegion? = nil) {
        self.response = response
        body = file.map { .file($0) } ?? .inline
    }

    /// A response whose body `stream` writes while the server sends it.
    public init(response: HTTPResponse, stream: @escaping ResponseBody.Writer) {
        self.response = response
        body = .stream(stream)
    }

    /// A head, then the connection handed to `takeOver` (see the property).
    public init(response: HTTPResponse, takeOver: @escaping @Sendable (TCPSocket) throws -> Void) {
        self.init(response: response) { connection, _ in try takeOver(connection) }
    }

    /// A head, then the connection and the bytes already read past the request handed to
    /// `takeOver` (see the property).
    public init(
        response: HTTPResponse,
        takeOver: @escaping @Sendable (_ connection: TCPSocket, _ unread: [UInt8]) throws -> Void
    ) {
        self.response = response
        body = .inline
        self.takeOver = takeOver
    }
}

/// Where a response's body comes from.
public enum ResponseBody: Sendable {
    /// Writes a body: call `write` with each piece, in order, and return after the last.
    /// `write` throws when the client has gone away; let that error out.
    public typealias Writer = @Sendable (_ write: ([UInt8]) throws -> Void) throws -> Void

    /// `response.body`, already in memory: error pages, listings, small answers.
    case inline
    /// Part of a file, read and sent a piece at a time, so a 2 GB video does not need 2 GB
    /// of memory.
    case file(FileRegion)
    /// Bytes made while they are sent, such as a proxy relaying an upstream answer.
    ///
    /// The head says how the body ends: `Content-Length`, or `Transfer-Encoding: chunked`
    /// with the writer writing chunks. With neither, the server closes the connection after
    /// the body, and the close is how the client sees its end (RFC 9112 §6.3). If the writer
    /// throws part way, the server closes the connection too: the client sees a body cut short.
    case stream(Writer)
}

/// A part of a file to send after the response head.
public struct FileRegion: Sendable, Equatable {
    public var path: String
    public var offset: Int
    public var length: Int

    public init(path: String, offset: Int, length: Int) {
        self.path = path
        self.offset = offset
        self.length = length
    }
}
