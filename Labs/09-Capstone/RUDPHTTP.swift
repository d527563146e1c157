import Lab02HTTP
import Lab08RUDP
import NetLabKit

/// HTTP/1.1 over one RUDP stream: the client sends one request, the server answers it and
/// closes, exactly as over a TCP connection with `Connection: close`. The same bytes, the
/// same parser (lab 02's), another transport (lab 08's).
///
/// ```
/// client                                 app server
///   SYN, SYN-ACK, ACK (lab 08)          -->
///   "GET /watch?v=intro HTTP/1.1\r\n..." -->  RUDPHTTP.serve: decode, AppHandler, encode
///   <-- "HTTP/1.1 200 OK\r\n..." and the body
///   <-- FIN
/// ```
///
/// Given: the enum, its errors and limits. `fetch` (RUDPHTTP+Client.swift) and `serve`
/// (RUDPHTTP+Server.swift) are yours, in part 3.
public enum RUDPHTTP {
    /// Largest request head and body a server reads, and largest response head a client reads.
    public static let limits = HTTPLimits()
    /// Largest response body a client accepts (the kit's videos are far smaller).
    public static let largestBody = 1 << 30
}

/// Why an HTTP exchange over RUDP failed.
public enum RUDPHTTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stream ended before the whole response (or request) arrived.
    case truncated(received: Int, expected: Int?)
    /// The response could not be parsed, or uses a framing this client does not read.
    case badResponse(String)

    public var description: String {
        switch self {
        case .truncated(let received, let expected):
            return "the stream ended after \(received) bytes" + (expected.map { " of \($0)" } ?? "")
        case .badResponse(let why): return "bad response: \(why)"
        }
    }
}
