import Lab02HTTP
import Lab08RUDP
import NetLabKit

/// The browser gateway (part 8): a local HTTP server (lab 02's) whose every request is
/// fetched from the app server over RUDP, so a real browser shows the app with lab 08's
/// transport underneath, video seeking (Range) included.
public struct Gateway: HTTPHandler {
    /// The app server's RUDP address.
    public let app: SocketAddress
    /// The name the browser asked for, sent as `Host`.
    public let name: String
    public let options: TransportOptions
    public let timeout: Double

    /// Header fields that describe one connection, not the message (RFC 9110 §7.6.1): a
    /// gateway never passes them on, in either direction. The server adds its own `Date`,
    /// `Server` and `Connection`.
    public static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
        "date", "server",
    ]

    public init(
        app: SocketAddress, name: String, options: TransportOptions = TransportOptions(), timeout: Double = 10
    ) {
        (self.app, self.name, self.options, self.timeout) = (app, name, options, timeout)
    }

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
