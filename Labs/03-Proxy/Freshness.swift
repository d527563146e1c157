import Lab02HTTP
import NetLabKit

/// RFC 9111's rules: may a response be stored, for how long is it fresh, and how old is it.
public enum Freshness {
    /// The `Cache-Control` directives of `headers`, lower-case names, values unquoted:
    /// `max-age=60, no-cache` is `["max-age": "60", "no-cache": ""]`.
    ///
    /// TODO (part 3): every `Cache-Control` field, split at commas, each item at its first
    /// `=`; trim spaces, lower-case the name, strip quotes from the value; the first wins.
    public static func directives(_ headers: HTTPHeaders) throws -> [String: String] {
        throw NotImplemented("Freshness.directives")
    }

    /// Whether the proxy may store `response` to a `method` request with `requestHeaders`
    /// (RFC 9111 §3).
    ///
    /// TODO (part 3): GET only; not `no-store` (request or response) nor `private`; not a
    /// `Vary` containing `*`; not a request with `Authorization` unless the response says
    /// `public` or `s-maxage`. Then it needs explicit freshness (`max-age`, `s-maxage`,
    /// `Expires`), or, for a status cacheable by default (200, 203, 204, 300, 301, 308, 404,
    /// 405, 410, 414, 501), a validator (`ETag` or `Last-Modified`) to go on.
    public static func isStorable(method: String, requestHeaders: HTTPHeaders, response: HTTPResponse) throws -> Bool {
        throw NotImplemented("Freshness.isStorable")
    }

    /// How many seconds `response` stays fresh from its `Date` (RFC 9111 §4.2.1).
    ///
    /// - Parameter responseTime: when the response arrived, standing in for a missing `Date`.
    ///
    /// TODO (part 3): 0 for `no-cache`; else `s-maxage`; else `max-age`; else `Expires` minus
    /// `Date` (an `Expires` that does not parse means 0, RFC 9111 §5.3); else, for a status
    /// cacheable by default, 10% of `Date` minus `Last-Modified`, at most 86 400 (§4.2.2);
    /// else 0. Never negative. `HeaderValues.date` reads HTTP dates with your lab 02 parser.
    public static func lifetime(_ response: HTTPResponse, responseTime: Double) throws -> Double {
        throw NotImplemented("Freshness.lifetime")
    }

    /// The entry's current age in seconds (RFC 9111 §4.2.3).
    ///
    /// TODO (part 3): apparent age = max(0, responseTime − Date); corrected age = the `Age`
    /// header + (responseTime − requestTime); initial age = the larger of the two; current
    /// age = initial age + (now − responseTime).
    public static func currentAge(_ entry: CacheEntry, now: Double) throws -> Double {
        throw NotImplemented("Freshness.currentAge")
    }

    /// Whether the entry may be served without asking the origin: its age is below its lifetime.
    public static func isFresh(_ entry: CacheEntry, now: Double) throws -> Bool {
        throw NotImplemented("Freshness.isFresh")
    }
}
