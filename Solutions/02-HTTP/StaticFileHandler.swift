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
    public func respond(to request: HTTPRequest) throws -> ServedResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            if Self.knownMethods.contains(request.method) {
                var response = Self.error(405)
                response.headers.add("Allow", "GET, HEAD")
                return ServedResponse(response: response)
            }
            return ServedResponse(response: Self.error(501))
        }
        switch try root.resolve(target: request.target) {
        case .badRequest:
            return ServedResponse(response: Self.error(400))
        case .forbidden:
            return ServedResponse(response: Self.error(403))
        case .notFound:
            return ServedResponse(response: Self.error(404))
        case .redirect(let location):
            var response = Self.error(301)
            response.headers.add("Location", location)
            return ServedResponse(response: response)
        case .file(let path, let size, let modified):
            return try serveFile(path: path, size: size, modified: modified, request: request)
        case .directory(let path):
            let index = path + "/index.html"
            if let info = FileSystem.info(index), info.kind == .regular {
                return try serveFile(path: index, size: info.size, modified: info.modified, request: request)
            }
            guard let entries = try DirectoryListing.entries(atPath: path) else {
                return ServedResponse(response: Self.error(403))
            }
            let urlPath = try StaticRoot.path(of: request.target).flatMap(PercentEncoding.decode) ?? "/"
            let body = Array(try DirectoryListing.render(urlPath: urlPath, entries: entries).utf8)
            let headers = HTTPHeaders([
                ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", String(body.count)),
            ])
            return ServedResponse(response: HTTPResponse(status: 200, headers: headers, body: body))
        }
    }

    private func serveFile(path: String, size: Int, modified: Int, request: HTTPRequest) throws -> ServedResponse {
        let lastModified = try HTTPDate.format(modified)
        let etag = "\"\(String(modified, radix: 16))-\(String(size, radix: 16))\""
        var headers = HTTPHeaders([
            ("Content-Type", try MIMETypes.contentType(forPath: path)), ("Last-Modified", lastModified),
            ("ETag", etag), ("Accept-Ranges", "bytes"),
        ])
        // RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since.
        let notModified: Bool
        if let tags = request.headers["If-None-Match"] {
            notModified = tags.split(separator: ",").contains { tag in
                let trimmed = String(tag).trimmingSpaces()
                return trimmed == "*" || trimmed == etag || trimmed == "W/" + etag
            }
        } else if let since = try request.headers["If-Modified-Since"].flatMap(HTTPDate.parse) {
            notModified = modified <= since
        } else {
            notModified = false
        }
        if notModified {
            // No body; Content-Length, if sent, must be what a 200 would say (RFC 9110 §8.6).
            headers.remove("Content-Type")
            headers.add("Content-Length", String(size))
            return ServedResponse(response: HTTPResponse(status: 304, headers: headers))
        }

        var rangeHeader = request.headers["Range"]
        if let condition = request.headers["If-Range"], condition != etag && condition != lastModified {
            rangeHeader = nil  // The file changed since the client's copy: send all of it.
        }
        switch try ByteRange.evaluate(rangeHeader, size: size) {
        case .whole:
            headers.add("Content-Length", String(size))
            return ServedResponse(
                response: HTTPResponse(status: 200, headers: headers),
                file: FileRegion(path: path, offset: 0, length: size))
        case .partial(let first, let last):
            headers.add("Content-Range", "bytes \(first)-\(last)/\(size)")
            headers.add("Content-Length", String(last - first + 1))
            return ServedResponse(
                response: HTTPResponse(status: 206, headers: headers),
                file: FileRegion(path: path, offset: first, length: last - first + 1))
        case .unsatisfiable:
            var response = Self.error(416)
            response.headers.add("Content-Range", "bytes */\(size)")
            return ServedResponse(response: response)
        }
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
