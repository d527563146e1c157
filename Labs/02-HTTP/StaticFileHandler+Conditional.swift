import NetLabKit

extension StaticFileHandler {
    /// A file requested with `If-None-Match`, `If-Modified-Since` or `Range`: 304 when the
    /// client's copy is current, 206 with the bytes asked for, 416 when none exist, or the
    /// whole file.
    ///
    /// - Parameter headers: the file's headers from `serveFile`: `Content-Type`,
    ///   `Last-Modified`, `ETag`, `Accept-Ranges`. No `Content-Length` yet.
    ///
    /// TODO (part 5):
    /// - `If-None-Match` listing the file's `ETag` (or `*`), else `If-Modified-Since` at or
    ///   after `modified` (`HTTPDate.parse`; a bad date is ignored): 304, no body, no
    ///   `Content-Type`.
    /// - `If-Range` that is neither the ETag nor the `Last-Modified` text: ignore `Range`.
    /// - `ByteRange.evaluate`: 206 with `Content-Range: bytes FIRST-LAST/SIZE` and a
    ///   `FileRegion` of those bytes, 416 with `Content-Range: bytes */SIZE`, or 200.
    func serveConditionally(
        path: String, size: Int, modified: Int, headers: HTTPHeaders, request: HTTPRequest
    ) throws -> ServedResponse {
        throw NotImplemented("StaticFileHandler.serveConditionally")
    }
}
