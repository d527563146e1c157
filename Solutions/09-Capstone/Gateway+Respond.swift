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
        var forwarded = HTTPRequest(method: request.method, target: request.target)
        for field in request.headers where !Self.hopByHop.contains(field.name.lowercased()) {
            if field.name.lowercased() != "host" { forwarded.headers.add(field.name, field.value) }
        }
        forwarded.headers.add("Host", name)
        forwarded.headers.add("Connection", "close")
        var response: HTTPResponse
        do {
            let connection = try RUDPConnection.connect(to: app, options: options)
            defer { try? connection.close() }
            response = try RUDPHTTP.fetch(forwarded, over: connection, timeout: timeout)
        } catch {
            return ServedResponse(response: StaticFileHandler.error(502))
        }
        var headers = HTTPHeaders()
        for field in response.headers where !Self.hopByHop.contains(field.name.lowercased()) {
            headers.add(field.name, field.value)
        }
        response.headers = headers
        return ServedResponse(response: response)
    }
}
