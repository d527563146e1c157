import Lab02HTTP
import Lab07Framing
import Lab08RUDP
import NetLabKit

extension Transfer {
    /// The URL of `path` on the app server at `app`: `http://127.0.0.1:8080/watch?v=intro`.
    public static func url(_ path: String, on app: SocketAddress) -> String {
        let host = app.isIPv6 ? "[\(app.ip)]" : app.ip
        return "http://\(host):\(app.port)\(path)"
    }

    /// Fetches `path` over TCP with lab 02's `HTTPClient.fetch` (part 5), sending
    /// `Host: name:port` so the server sees the name the user asked for.
    ///
    /// - Throws: `TransferError.status` unless the answer is 200; lab 02's `ClientError`.
    public static func overTCP(_ path: String, app: SocketAddress, name: String, timeout: Double) throws -> Transfer {
        // TODO: part 5.
        throw NotImplemented("Transfer.overTCP")
    }

    /// Fetches `path` through the relay at `relay` with lab 07's `RelayClient.fetch`: the
    /// relay is given the app server's URL (by address: the relay has no DNS of its own).
    ///
    /// - Throws: lab 07's `RelayClientError` (a refusal carries the app server's status).
    public static func throughRelay(
        _ path: String, relay: SocketAddress, app: SocketAddress, timeout: Double
    ) throws -> Transfer {
        // TODO: part 5.
        throw NotImplemented("Transfer.throughRelay")
    }

    /// Fetches `path` over RUDP: lab 08's `RUDPConnection.connect` to `app`, one
    /// `GET path` with `RUDPHTTP.fetch` (part 3), then `close()`.
    ///
    /// - Parameter onConnected: called once the handshake is done (the timeline marks it).
    /// - Throws: `TransferError.status` unless 200; `RUDPError`, `RUDPHTTPError`.
    public static func overRUDP(
        _ path: String, app: SocketAddress, name: String, options: TransportOptions, timeout: Double,
        onConnected: () -> Void = {}
    ) throws -> Transfer {
        // TODO: part 5. Connect, send one GET with RUDPHTTP.fetch, close.
        throw NotImplemented("Transfer.overRUDP")
    }
}
