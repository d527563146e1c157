import NetLabKit

extension StaticFileHandler {
    /// A directory (its URL ends in `/`): its `index.html` if it has one, else a listing.
    func serveDirectory(path: String, request: HTTPRequest) throws -> ServedResponse {
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
