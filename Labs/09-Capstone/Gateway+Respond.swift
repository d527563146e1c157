import Lab02HTTP
import Lab08RUDP
import NetLabKit

/// Part 8: what the gateway does with each request the browser sends.
extension Gateway: HTTPHandler {
    /// Forwards `request` over a new RUDP connection and returns the app server's answer.
    ///
    /// Steps: copy the request without its hop-by-hop fields, with `Host: name` and
    /// `Connection: close`; connect (`RUDPConnection.connect`), `RUDPHTTP.fetch`, close;
    /// return the response without its hop-by-hop fields, its body inline. If the app
    /// server cannot be reached or its answer is broken, answer `502 Bad Gateway`.
    public func respond(to request: HTTPRequest, from client: SocketAddress) throws -> ServedResponse {
        // TODO: part 8.
        throw NotImplemented("Gateway.respond")
    }
}
