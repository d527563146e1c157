import NetLabKit

extension StaticFileHandler {
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
}
