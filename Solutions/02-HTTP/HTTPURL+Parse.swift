import NetLabKit

extension HTTPURL {
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
        // Brackets belong only around a whole IPv6 address: `ttp[::1]` is no host (make fuzz).
        guard !host.contains(where: { $0 == "[" || $0 == "]" }) else {
            throw ClientError.badURL("'\(text)': '[' or ']' inside the host")
        }
        var port: UInt16 = 80
        if let portText {
            guard let value = UInt16(portText), value > 0 else { throw ClientError.badURL("'\(text)' has a bad port") }
            port = value
        }
        return HTTPURL(host: String(host), port: port, target: target)
    }
}
