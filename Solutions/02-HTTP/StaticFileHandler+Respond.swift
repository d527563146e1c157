import NetLabKit

extension StaticFileHandler {
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
            return try serveDirectory(path: path, request: request)  // Part 6.
        }
    }

    /// A regular file: all of it, with the headers that describe it. A request that asks
    /// for less (a condition or a range) goes to `serveConditionally`.
    func serveFile(path: String, size: Int, modified: Int, request: HTTPRequest) throws -> ServedResponse {
        let etag = "\"\(String(modified, radix: 16))-\(String(size, radix: 16))\""
        var headers = HTTPHeaders([
            ("Content-Type", try MIMETypes.contentType(forPath: path)),
            ("Last-Modified", try HTTPDate.format(modified)), ("ETag", etag), ("Accept-Ranges", "bytes"),
        ])
        if Self.conditionalFields.contains(where: { request.headers.contains($0) }) {
            return try serveConditionally(
                path: path, size: size, modified: modified, headers: headers, request: request)
        }
        headers.add("Content-Length", String(size))
        return ServedResponse(
            response: HTTPResponse(status: 200, headers: headers),
            file: FileRegion(path: path, offset: 0, length: size))
    }
}
