import Lab02HTTP
import Lab08RUDP
import NetLabKit

extension RUDPHTTP {
    /// Sends `request` on `connection` and reads the whole response (part 3).
    ///
    /// Steps: encode the request with lab 02's `encode()` and send it; receive until
    /// `HTTPResponse.decodeHead` finds the head (more than `limits.maxHeaderBytes` bytes
    /// without one is a bad response); then read the body as `bodyFraming` says: a length
    /// (exactly that many bytes: an early end of stream is `.truncated`), until the end of
    /// the stream, or none. Chunked coding is a `.badResponse`: the app server never sends it.
    ///
    /// - Parameters:
    ///   - timeout: seconds each wait for bytes may take.
    /// - Returns: the response, its `body` filled in.
    /// - Throws: `RUDPHTTPError`, or the connection's `RUDPError`.
    public static func fetch(
        _ request: HTTPRequest, over connection: RUDPConnection, timeout: Double = 10
    ) throws -> HTTPResponse {
        // TODO: part 3.
        throw NotImplemented("RUDPHTTP.fetch")
    }
}
