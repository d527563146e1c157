/// The client side of the relay: one FETCH, the whole body or an error. Lab 09 fetches
/// through this.
import NetLabKit

public enum RelayClient {
    /// Fetches `url` through the relay at `relay`.
    ///
    /// - Parameters:
    ///   - framing: which length header to speak; the relay answers in the same one.
    ///   - timeout: seconds each read from the relay may wait.
    /// - Returns: the whole body, only when every byte arrived and the length matches.
    /// - Throws: `RelayClientError` (the relay's refusal or late ERROR, or a broken stream),
    ///   `SocketError`, `FramingError`.
    public static func fetch(
        _ url: String, through relay: SocketAddress, framing: Framing = .binary, timeout: Double = 60
    ) throws -> FetchedBody {
        // TODO: connect, set both timeouts, send `FETCH <url>` in one frame, read the STATUS,
        // then DATA until END (check its total, and the OK's length) or ERROR.
        throw NotImplemented("RelayClient.fetch")
    }
}
