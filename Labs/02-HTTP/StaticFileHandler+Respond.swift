import NetLabKit

extension StaticFileHandler {
    /// The response to one request. HEAD gets the same head as GET; the server leaves out
    /// the body.
    ///
    /// TODO (part 2):
    /// - GET and HEAD only: `knownMethods` get 405 with `Allow: GET, HEAD`, others 501.
    /// - `root.resolve(target:)` decides: 400, 403, 404, 301 with `Location`, a file
    ///   (`serveFile`), or a directory (`serveDirectory`, part 6: call it, it is written later).
    public func respond(to request: HTTPRequest) throws -> ServedResponse {
        throw NotImplemented("StaticFileHandler.respond")
    }

    /// A regular file: all of it, with the headers that describe it.
    ///
    /// TODO (part 2): `Content-Type` (`MIMETypes`), `Last-Modified` (`HTTPDate.format`),
    /// `ETag` (`"MODIFIED-SIZE"`, both in hex, quotes included) and `Accept-Ranges: bytes`.
    /// If the request has one of `conditionalFields`, return `serveConditionally(…)` (part 5)
    /// with those headers. Otherwise add `Content-Length` and answer 200; the body is a
    /// `FileRegion`, not bytes in memory, so a 2 GB video does not need 2 GB of memory.
    func serveFile(path: String, size: Int, modified: Int, request: HTTPRequest) throws -> ServedResponse {
        throw NotImplemented("StaticFileHandler.serveFile")
    }
}
