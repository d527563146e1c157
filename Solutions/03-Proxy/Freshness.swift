import Lab02HTTP

/// RFC 9111's rules: may a response be stored, for how long is it fresh, and how old is it.
public enum Freshness {
    /// Status codes a cache may store without explicit freshness (RFC 9110 §15.1).
    static let heuristicallyCacheable: Set<Int> = [200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501]

    /// The `Cache-Control` directives of `headers`, lower-case names, values unquoted:
    /// `max-age=60, no-cache` is `["max-age": "60", "no-cache": ""]`.
    public static func directives(_ headers: HTTPHeaders) throws -> [String: String] {
        var found: [String: String] = [:]
        for value in headers.values("Cache-Control") {
            for item in value.split(separator: ",") {
                let parts = item.split(separator: "=", maxSplits: 1)
                guard let first = parts.first else { continue }
                let name = first.trimmingCharacters().lowercased()
                var argument = parts.count > 1 ? parts[1].trimmingCharacters() : ""
                if argument.hasPrefix("\""), argument.hasSuffix("\""), argument.count >= 2 {
                    argument = String(argument.dropFirst().dropLast())
                }
                if !name.isEmpty, found[name] == nil { found[name] = argument }
            }
        }
        return found
    }

    /// Whether the proxy may store `response` to a `method` request with `requestHeaders`
    /// (RFC 9111 §3): GET only, no `no-store` on either side, not `private`, not
    /// `Vary: *`, and something to go on: explicit freshness, `Last-Modified`, or `ETag`.
    public static func isStorable(method: String, requestHeaders: HTTPHeaders, response: HTTPResponse) throws -> Bool {
        guard method == "GET" else { return false }
        let found = try directives(response.headers)
        if found["no-store"] != nil || found["private"] != nil { return false }
        if try directives(requestHeaders)["no-store"] != nil { return false }
        if response.headers.values("Vary").contains(where: { $0.contains("*") }) { return false }
        if requestHeaders.contains("Authorization"), found["s-maxage"] == nil,
            found["public"] == nil
        {
            return false
        }
        let explicit =
            found["max-age"] != nil || found["s-maxage"] != nil
            || response.headers.contains("Expires")
        let validator = response.headers.contains("ETag") || response.headers.contains("Last-Modified")
        guard explicit || heuristicallyCacheable.contains(response.status) else { return false }
        return explicit || validator
    }

    /// How many seconds `response` stays fresh from its `Date` (RFC 9111 §4.2.1): 0 for
    /// `no-cache`; else `s-maxage`, `max-age`, `Expires` minus `Date`, or 10% of the time
    /// since `Last-Modified`, at most one day (§4.2.2); else 0.
    ///
    /// - Parameter responseTime: when the response arrived, standing in for a missing `Date`.
    public static func lifetime(_ response: HTTPResponse, responseTime: Double) throws -> Double {
        let found = try directives(response.headers)
        if found["no-cache"] != nil { return 0 }
        if let text = found["s-maxage"] { return seconds(text) }
        if let text = found["max-age"] { return seconds(text) }
        let date = HeaderValues.date(response.headers["Date"]) ?? responseTime
        if let expires = response.headers["Expires"] {
            // An invalid Expires, such as "0", means already expired (RFC 9111 §5.3).
            guard let when = HeaderValues.date(expires) else { return 0 }
            return max(0, when - date)
        }
        if heuristicallyCacheable.contains(response.status),
            let modified = HeaderValues.date(response.headers["Last-Modified"])
        {
            return min(86_400, max(0, (date - modified) / 10))
        }
        return 0
    }

    /// The entry's current age in seconds (RFC 9111 §4.2.3), counting the `Age` the origin
    /// sent, the time the response took to arrive, and the time it has spent in the cache.
    public static func currentAge(_ entry: CacheEntry, now: Double) throws -> Double {
        let headers = entry.response.headers
        let date = HeaderValues.date(headers["Date"]) ?? entry.responseTime
        let apparentAge = max(0, entry.responseTime - date)
        let ageValue = headers["Age"].flatMap { Double($0.trimmingCharacters()) } ?? 0
        let responseDelay = entry.responseTime - entry.requestTime
        let correctedInitialAge = max(apparentAge, ageValue + responseDelay)
        return correctedInitialAge + max(0, now - entry.responseTime)
    }

    /// Whether the entry may be served without asking the origin: its age is below its lifetime.
    public static func isFresh(_ entry: CacheEntry, now: Double) throws -> Bool {
        try lifetime(entry.response, responseTime: entry.responseTime) > currentAge(entry, now: now)
    }

    private static func seconds(_ text: String) -> Double {
        guard let value = Int(text.trimmingCharacters()), value >= 0 else { return 0 }
        return Double(value)
    }
}
