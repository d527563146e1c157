import Lab02HTTP
import Lab08RUDP
import NetLabKit

/// The browser gateway: a local HTTP server (lab 02's) whose every request is fetched from
/// the app server over RUDP, so a real browser shows the app with lab 08's transport
/// underneath, video seeking (Range) included. Part 8 is `respond`, in Gateway+Respond.swift.
public struct Gateway: Sendable {
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
}
