import NetLabKit

/// What can go wrong in the client.
public enum ClientError: Error, Equatable, Sendable, CustomStringConvertible {
    case badURL(String)
    /// The server's answer was not valid HTTP.
    case badResponse(String)
    /// The connection ended before the whole body arrived.
    case truncated(expected: Int, received: Int)
    case socket(SocketError)

    public var description: String {
        switch self {
        case .badURL(let why): return why
        case .badResponse(let why): return "bad response: \(why)"
        case .truncated(let expected, let received):
            return "connection closed after \(received) of \(expected) body bytes"
        case .socket(let error): return error.description
        }
    }
}
