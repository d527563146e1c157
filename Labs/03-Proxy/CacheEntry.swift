import Lab02HTTP

/// One stored response, with what RFC 9111 needs to compute its age.
public struct CacheEntry: Sendable, Equatable {
    /// The response as the origin sent it, hop-by-hop headers removed, with its whole body.
    public var response: HTTPResponse
    /// When the proxy sent the request that brought this response (seconds since 1970).
    public var requestTime: Double
    /// When the response head arrived.
    public var responseTime: Double
    /// The request's values of the headers the response's `Vary` names (lower-case names).
    public var varyValues: [String: String]
    /// Your `Freshness` answers for this entry, worked out once when the proxy stores it, so
    /// that a hit does not parse the same dates again (`ProxyHandler.memoized`). `nil` for an
    /// entry nobody has stored yet.
    public var memo: Memo?

    /// When an entry stops being fresh, and its age when its response arrived. Its age at
    /// any later time is that plus the time since (RFC 9111 §4.2.3), so both follow.
    public struct Memo: Sendable, Equatable {
        /// The `responseTime` plus the lifetime, minus the age at `responseTime`.
        public var freshUntil: Double
        /// `Freshness.currentAge` at `responseTime`.
        public var initialAge: Double
    }

    public init(response: HTTPResponse, requestTime: Double, responseTime: Double, varyValues: [String: String] = [:]) {
        self.response = response
        self.requestTime = requestTime
        self.responseTime = responseTime
        self.varyValues = varyValues
    }

    /// What the entry costs the cache's byte budget: its body.
    public var size: Int { response.body.count }
}
