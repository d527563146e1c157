import NetLabKit

extension StaticFileHandler {
    /// A file requested with `If-None-Match`, `If-Modified-Since` or `Range`: 304 when the
    /// client's copy is current, 206 with the bytes asked for, 416 when none exist, or the
    /// whole file.
    ///
    /// - Parameter headers: the file's headers from `serveFile`: `Content-Type`,
    ///   `Last-Modified`, `ETag`, `Accept-Ranges`. No `Content-Length` yet.
    func serveConditionally(
        path: String, size: Int, modified: Int, headers: HTTPHeaders, request: HTTPRequest
    ) throws -> ServedResponse {
        var headers = headers
        let etag = headers["ETag"] ?? ""
        let lastModified = headers["Last-Modified"] ?? ""
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
