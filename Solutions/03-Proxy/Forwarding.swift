import Lab02HTTP

/// What a proxy changes in a message it passes on (RFC 9110 §7.6).
public enum Forwarding {
    /// Headers that describe one connection, not the message: never passed on (RFC 9110 §7.6.1).
    static let hopByHop = [
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "TE", "Trailer", "Upgrade",
    ]

    /// `headers` without the hop-by-hop ones, nor the headers that `Connection` names.
    public static func removingHopByHop(_ headers: HTTPHeaders) throws -> HTTPHeaders {
        var result = headers
        for value in headers.values("Connection") {
            for name in value.split(separator: ",") { result.remove(name.trimmingCharacters()) }
        }
        for name in hopByHop { result.remove(name) }
        return result
    }

    /// Whether a `Via` in `headers` already names `proxyName`: the request has come round.
    public static func isLoop(_ headers: HTTPHeaders, proxyName: String) throws -> Bool {
        headers.values("Via").contains { value in
            value.split(separator: ",").contains { hop in
                hop.split(separator: " ").dropFirst().first.map { String($0).lowercased() == proxyName.lowercased() }
                    ?? false
            }
        }
    }

    /// The request to send the origin (RFC 9112 §3.2.1): origin-form target, the URL's
    /// `Host`, hop-by-hop headers removed, `Via: 1.1 NAME` appended, and a body (lab 02 has
    /// already decoded a chunked one) framed by `Content-Length`. No `Connection: close`: the
    /// connection to the origin stays open for the next request (lab 03's `OriginPool`).
    public static func originRequest(_ request: HTTPRequest, url: ProxyURL, proxyName: String) throws -> HTTPRequest {
        var headers = try removingHopByHop(request.headers)
        headers.set("Host", url.hostHeader)
        headers.remove("Transfer-Encoding")
        headers.remove("Content-Length")
        if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method) {
            headers.add("Content-Length", String(request.body.count))
        }
        headers.add("Via", "\(request.version.major).\(request.version.minor) \(proxyName)")
        return HTTPRequest(method: request.method, target: url.path, headers: headers, body: request.body)
    }

    /// The origin's response head as the client gets it: hop-by-hop headers removed and
    /// `Via: 1.1 NAME` appended. Framing (`Content-Length`, `Transfer-Encoding`) is kept.
    public static func clientHeaders(_ response: HTTPResponse, proxyName: String) throws -> HTTPHeaders {
        var headers = try removingHopByHop(response.headers)
        headers.add("Via", "\(response.version.major).\(response.version.minor) \(proxyName)")
        return headers
    }
}
