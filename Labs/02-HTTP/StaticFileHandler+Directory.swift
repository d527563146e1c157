import NetLabKit

extension StaticFileHandler {
    /// A directory (its URL ends in `/`): its `index.html` if it has one, else a listing.
    ///
    /// TODO (part 6): `index.html` goes through `serveFile`. Otherwise
    /// `DirectoryListing.entries` (`nil`: 403) and `DirectoryListing.render`, titled with the
    /// decoded URL path (`StaticRoot.path(of:)`, `PercentEncoding.decode`), as
    /// `text/html; charset=utf-8` with its `Content-Length`.
    func serveDirectory(path: String, request: HTTPRequest) throws -> ServedResponse {
        throw NotImplemented("StaticFileHandler.serveDirectory")
    }
}
