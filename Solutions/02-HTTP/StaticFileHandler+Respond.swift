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
}
