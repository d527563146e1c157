import NetLabKit

/// An `http://` URL split into what a client needs: where to connect and what to ask for.
public struct HTTPURL: Sendable, Equatable {
    /// The host as written (without brackets for IPv6: `::1`).
    public var host: String
    public var port: UInt16
    /// The request target: path and query, `/` when the URL has no path.
    public var target: String

    public init(host: String, port: UInt16 = 80, target: String = "/") {
        self.host = host
        self.port = port
        self.target = target
    }

    /// What the `Host` header says: the host, with the port unless it is 80.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }

    /// Parses `http://host[:port][/path][?query]`. The fragment (`#…`) is dropped: it never
    /// goes to the server.
    ///
    /// - Throws: `ClientError.badURL` for another scheme, an empty host or a bad port.
    ///
    /// TODO: only `http://`. The host ends at the first `/`, `?` or the end; a port follows
    /// the last `:` (inside `[...]` for IPv6 literals such as `[::1]:8080`).
    public static func parse(_ text: String) throws -> HTTPURL {
        throw NotImplemented("HTTPURL.parse")
    }
}

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
