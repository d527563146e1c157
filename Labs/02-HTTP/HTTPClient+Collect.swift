import NetLabKit

/// A small HTTP/1.1 client: one request per connection, the body streamed to a closure.
///
/// This file is given: the enum and the `fetch` that collects the body in memory. The `fetch`
/// that streams it and `readResponse` are yours, in `HTTPClient.swift`.
public enum HTTPClient {
    /// Fetches a URL and collects the body in memory.
    public static func fetch(
        _ url: String, method: String = "GET", headers: HTTPHeaders = HTTPHeaders(), timeout: Double = 30
    ) throws -> HTTPResponse {
        var collected: [UInt8] = []
        var response = try fetch(url, method: method, headers: headers, timeout: timeout) { collected += $0 }
        response.body = collected
        return response
    }
}
