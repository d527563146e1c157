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
    public static func parse(_ text: String) throws -> HTTPURL {
        guard text.lowercased().hasPrefix("http://") else {
            throw ClientError.badURL("'\(text)' is not an http:// URL (this client does not speak TLS)")
        }
        var rest = Substring(text.dropFirst(7))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        if authority.contains("@") { throw ClientError.badURL("'\(text)': user names in URLs are not supported") }

        var host = Substring(authority)
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw ClientError.badURL("'\(text)': unclosed '['") }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw ClientError.badURL("'\(text)': junk after ']'")
            }
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard !host.isEmpty else { throw ClientError.badURL("'\(text)' has no host") }
        var port: UInt16 = 80
        if let portText {
            guard let value = UInt16(portText), value > 0 else { throw ClientError.badURL("'\(text)' has a bad port") }
            port = value
        }
        return HTTPURL(host: String(host), port: port, target: target)
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
