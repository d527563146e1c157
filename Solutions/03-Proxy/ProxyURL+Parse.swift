extension ProxyURL {
    /// Reads a request target as a proxy sees it (RFC 9112 §3.2.2): absolute-form
    /// `http://Host:8080/a?b` (what `curl -x` sends), or the path form `/http://host/a`.
    ///
    /// - Returns: `nil` for anything else (an origin-form path, another scheme, a bad port).
    public static func parse(_ target: String) throws -> ProxyURL? {
        var rest = Substring(target)
        if rest.hasPrefix("/") { rest = rest.dropFirst() }
        guard rest.count > 7, rest.prefix(7).lowercased() == "http://" else { return nil }
        rest = rest.dropFirst(7)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        var host = authority
        var port: UInt16 = 80
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let number = UInt16(after.dropFirst()), number > 0 else { return nil }
                port = number
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            let digits = authority[authority.index(after: colon)...]
            if !digits.isEmpty {
                guard let number = UInt16(digits), number > 0 else { return nil }
                port = number
            }
        }
        guard !host.isEmpty else { return nil }
        return ProxyURL(host: host.lowercased(), port: port, path: path)
    }
}
