/// The client side of the relay: one FETCH, then the body piece by piece, or an error. The
/// whole-body `fetch` that lab 09 uses is given, in RelayClient+Whole.swift.
import NetLabKit

public enum RelayClient {
    /// Fetches `url` through the relay at `relay`, handing the body to `each` piece by piece
    /// as it arrives, so a 100 MB file never sits in memory whole.
    ///
    /// The pieces are not yet the file: only a normal return says the body is complete.
    /// Keep them somewhere temporary until then (`fetch` in the CLI writes a temporary file
    /// and renames it at the end).
    ///
    /// - Parameters:
    ///   - framing: which length header to speak; the relay answers in the same one.
    ///   - timeout: seconds each read from the relay may wait.
    ///   - each: called with each DATA frame's bytes, in order.
    /// - Returns: the content type and length, only when every byte arrived and the length
    ///   matches.
    /// - Throws: `RelayClientError` (the relay's refusal or late ERROR, or a broken stream),
    ///   `SocketError`, `FramingError`, or what `each` throws.
    public static func fetch(
        _ url: String, through relay: SocketAddress, framing: Framing = .binary, timeout: Double = 60,
        each: ([UInt8]) throws -> Void
    ) throws -> FetchSummary {
        // TODO: connect, set both timeouts, send `FETCH <url>` in one frame, read the STATUS,
        // then DATA (hand each to `each`) until END (check its total, and the OK's length)
        // or ERROR.
        throw NotImplemented("RelayClient.fetch")
    }
}
