import Lab02HTTP
import NetLabKit

/// What a proxy changes in a message it passes on (RFC 9110 §7.6).
public enum Forwarding {
    /// `headers` without the hop-by-hop ones, nor the headers that `Connection` names.
    ///
    /// TODO (part 5): hop-by-hop headers describe one connection, not the message (RFC 9110
    /// §7.6.1): `Connection`, `Keep-Alive`, `Proxy-Connection`, `Proxy-Authorization`, `TE`,
    /// `Trailer`, `Upgrade`, and every header `Connection` lists.
    public static func removingHopByHop(_ headers: HTTPHeaders) throws -> HTTPHeaders {
        throw NotImplemented("Forwarding.removingHopByHop")
    }

    /// Whether a `Via` in `headers` already names `proxyName` (`Via: 1.1 a, 1.1 NAME`): the
    /// request has come round. Compare the name in each hop, ignoring case.
    public static func isLoop(_ headers: HTTPHeaders, proxyName: String) throws -> Bool {
        throw NotImplemented("Forwarding.isLoop")
    }

    /// The request to send the origin (RFC 9112 §3.2.1).
    ///
    /// TODO (part 5): target `url.path` (origin-form), `Host: url.hostHeader`, hop-by-hop
    /// headers removed, `Via: 1.1 NAME` added (the client's HTTP version), and no `Connection`
    /// header: the proxy keeps its connection to the origin for the next request. Lab 02 has
    /// already decoded a chunked request body: drop `Transfer-Encoding` and frame the body
    /// with `Content-Length` (POST, PUT and PATCH always get one).
    public static func originRequest(_ request: HTTPRequest, url: ProxyURL, proxyName: String) throws -> HTTPRequest {
        throw NotImplemented("Forwarding.originRequest")
    }

    /// The origin's response headers as the client gets them: hop-by-hop headers removed and
    /// `Via: 1.1 NAME` added. Framing (`Content-Length`, `Transfer-Encoding`) is kept.
    public static func clientHeaders(_ response: HTTPResponse, proxyName: String) throws -> HTTPHeaders {
        throw NotImplemented("Forwarding.clientHeaders")
    }
}
