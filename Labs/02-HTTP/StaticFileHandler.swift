import NetLabKit

/// Turns a request into a response for a static site: files, directory listings, ranges
/// and `304 Not Modified`. No sockets here: the server sends what `respond` returns, and
/// adds `Date`, `Server` and `Connection`.
///
/// `lab02-http server` plugs it into an `HTTPServer`:
/// `HTTPServer(configuration: configuration, handler: StaticFileHandler(root: root))`.
public struct StaticFileHandler: HTTPHandler {
    public let root: StaticRoot

    /// Methods defined by RFC 9110 that this server knows but does not serve: 405 with
    /// `Allow`. Any other method is unknown to it: 501 (RFC 9110 §15.6.2).
    public static let knownMethods: Set<String> = ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"]

    /// Header fields that make a request for a file conditional or partial (part 5): a
    /// request without them always gets the whole file.
    public static let conditionalFields = ["If-None-Match", "If-Modified-Since", "Range"]

    public init(root: StaticRoot) {
        self.root = root
    }

    /// A static site answers everyone alike: the client's address does not matter.
    public func respond(to request: HTTPRequest, from client: SocketAddress) throws -> ServedResponse {
        try respond(to: request)
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
