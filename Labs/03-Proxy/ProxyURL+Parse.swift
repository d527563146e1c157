import NetLabKit

extension ProxyURL {
    /// Reads a request target as a proxy sees it (RFC 9112 §3.2.2): absolute-form
    /// `http://Host:8080/a?b` (what `curl -x` sends), or the path form `/http://host/a`.
    ///
    /// - Returns: `nil` for anything else (an origin-form path, another scheme, a bad port).
    ///
    /// TODO (part 1):
    /// - Drop one leading `/` (the path form), then require `http://`, in any case.
    /// - The authority runs to the first `/` or `?`; the rest is the path (`/` if empty, and
    ///   `/?q` for `http://host?q`). Refuse an empty authority and one with `user@`.
    /// - `host:port`, or `[v6]:port`: the port is 80 when absent, and must be 1…65535.
    /// - Lower-case the host: the cache key must not depend on how a client spelled it.
    public static func parse(_ target: String) throws -> ProxyURL? {
        throw NotImplemented("ProxyURL.parse")
    }
}
