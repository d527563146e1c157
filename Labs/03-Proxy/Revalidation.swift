import Lab02HTTP
import NetLabKit

/// Conditional requests (RFC 9110 §13, RFC 9111 §4.3): asking an origin whether a stored
/// response is still good, and answering a client's own conditional request from the cache.
public enum Revalidation {
    /// The validators to ask the origin with: `If-None-Match` from `ETag`, `If-Modified-Since`
    /// from `Last-Modified`. Empty when the entry has neither (it cannot be revalidated).
    public static func conditionalHeaders(for entry: CacheEntry) throws -> [(name: String, value: String)] {
        throw NotImplemented("Revalidation.conditionalHeaders")
    }

    /// The entry after a `304 Not Modified`.
    ///
    /// TODO (part 6): each header of the 304 except `Content-Length` and `Transfer-Encoding`
    /// replaces the stored ones of that name (RFC 9111 §4.3.4); the times become the new
    /// exchange's, so the entry's age starts again.
    public static func refreshed(
        _ entry: CacheEntry, with notModified: HTTPResponse, requestTime: Double, responseTime: Double
    ) throws -> CacheEntry {
        throw NotImplemented("Revalidation.refreshed")
    }

    /// Whether a client's conditional request is satisfied by `entry`, so the answer is 304.
    ///
    /// TODO (part 6): `If-None-Match` (a list, or `*`) matches the `ETag` by weak comparison
    /// (ignore a `W/` prefix). Only without `If-None-Match`: `If-Modified-Since` is at or
    /// after `Last-Modified` (RFC 9110 §13.1.1, §13.1.3). `HeaderValues.date` reads dates.
    public static func clientNotModified(_ request: HTTPHeaders, entry: CacheEntry) throws -> Bool {
        throw NotImplemented("Revalidation.clientNotModified")
    }
}
