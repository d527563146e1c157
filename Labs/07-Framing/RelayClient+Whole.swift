/// A whole body in memory, for files small enough to hold (lab 09 fetches through this).
/// Given code: it collects what the streaming `fetch` in RelayClient.swift hands over.
import NetLabKit

extension RelayClient {
    /// Fetches `url` through the relay at `relay` into memory.
    ///
    /// - Parameters:
    ///   - framing: which length header to speak; the relay answers in the same one.
    ///   - timeout: seconds each read from the relay may wait.
    /// - Returns: the whole body, only when every byte arrived and the length matches.
    /// - Throws: what the streaming `fetch` throws.
    public static func fetch(
        _ url: String, through relay: SocketAddress, framing: Framing = .binary, timeout: Double = 60
    ) throws -> FetchedBody {
        var bytes: [UInt8] = []
        let summary = try fetch(url, through: relay, framing: framing, timeout: timeout) { bytes += $0 }
        return FetchedBody(bytes: bytes, contentType: summary.contentType)
    }
}
