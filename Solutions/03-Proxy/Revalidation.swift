import Lab02HTTP

/// Conditional requests (RFC 9110 §13, RFC 9111 §4.3): asking an origin whether a stored
/// response is still good, and answering a client's own conditional request from the cache.
public enum Revalidation {
    /// The validators to ask the origin with: `If-None-Match` from `ETag`, `If-Modified-Since`
    /// from `Last-Modified`. Empty when the entry has neither (it cannot be revalidated).
    public static func conditionalHeaders(for entry: CacheEntry) throws -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let tag = entry.response.headers["ETag"] { headers.append(("If-None-Match", tag)) }
        if let modified = entry.response.headers["Last-Modified"] { headers.append(("If-Modified-Since", modified)) }
        return headers
    }

    /// The entry after a `304 Not Modified`: the 304's headers (except framing) replace the
    /// stored ones of the same name (RFC 9111 §4.3.4), and its times are the new exchange's.
    public static func refreshed(
        _ entry: CacheEntry, with notModified: HTTPResponse, requestTime: Double, responseTime: Double
    ) throws -> CacheEntry {
        var updated = entry
        var headers = entry.response.headers
        for field in notModified.headers
        where !["content-length", "transfer-encoding"].contains(field.name.lowercased()) {
            headers.set(field.name, field.value)
        }
        updated.response.headers = headers
        updated.requestTime = requestTime
        updated.responseTime = responseTime
        return updated
    }

    /// Whether a client's conditional request is satisfied by `entry`, so the answer is 304:
    /// `If-None-Match` matches the `ETag` (weak comparison, or `*`); without `If-None-Match`,
    /// `If-Modified-Since` is at or after `Last-Modified` (RFC 9110 §13.1.1, §13.1.3).
    public static func clientNotModified(_ request: HTTPHeaders, entry: CacheEntry) throws -> Bool {
        if let wanted = request["If-None-Match"] {
            guard let tag = entry.response.headers["ETag"] else { return false }
            let bare = weak(tag)
            return wanted.split(separator: ",").contains { candidate in
                let text = candidate.trimmingCharacters()
                return text == "*" || weak(text) == bare
            }
        }
        if let since = HeaderValues.date(request["If-Modified-Since"]),
            let modified = HeaderValues.date(entry.response.headers["Last-Modified"])
        {
            return modified <= since
        }
        return false
    }

    private static func weak(_ tag: String) -> String {
        tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
    }
}
