import NetLabKit

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

/// What the handler decided: a response (its body may be in memory), plus the part of a
/// file that follows the head when the body is a file.
public struct ServedResponse: Sendable, Equatable {
    public var response: HTTPResponse
    public var file: FileRegion?

    public init(response: HTTPResponse, file: FileRegion? = nil) {
        self.response = response
        self.file = file
    }
}

/// Turns a request into a response for a static site. No sockets here: the server sends
/// what this returns, and adds `Date`, `Server` and `Connection`.
public struct StaticFileHandler: Sendable {
    public let root: StaticRoot

    /// Methods defined by RFC 9110 that this server knows but does not serve: 405 with
    /// `Allow`. Any other method is unknown to it: 501 (RFC 9110 §15.6.2).
    public static let knownMethods: Set<String> = ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"]

    public init(root: StaticRoot) {
        self.root = root
    }

    /// The response to one request. HEAD gets the same head as GET; the server leaves out
    /// the body.
    ///
    /// TODO (parts 2, 5 and 6):
    /// - GET and HEAD only: `knownMethods` get 405 with `Allow: GET, HEAD`, others 501.
    /// - `root.resolve(target:)` decides 400/403/404/301, a file, or a directory.
    /// - A directory serves its `index.html` if it has one, else `DirectoryListing`.
    /// - A file gets `Content-Type` (`MIMETypes`), `Content-Length`, `Last-Modified`
    ///   (`HTTPDate`), and `Accept-Ranges: bytes`; its body is a `FileRegion`, not bytes in
    ///   memory, so a 2 GB video does not need 2 GB of memory.
    /// - `If-Modified-Since` (and `If-None-Match` if you add an `ETag`): 304 with no body.
    /// - `Range` (`ByteRange.evaluate`): 206 with `Content-Range`, or 416.
    public func respond(to request: HTTPRequest) throws -> ServedResponse {
        throw NotImplemented("StaticFileHandler.respond")
    }

    /// A small HTML error page with its `Content-Type` and `Content-Length`.
    public static func error(_ status: Int) -> HTTPResponse {
        let title = "\(status) \(HTTPStatus.reason(status))"
        let body = Array(
            "<!DOCTYPE html>\n<html><head><title>\(title)</title></head><body><h1>\(title)</h1></body></html>\n".utf8)
        let headers = HTTPHeaders([
            ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", String(body.count)),
        ])
        return HTTPResponse(status: status, headers: headers, body: body)
    }
}
