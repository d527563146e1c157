/// An `http://host[:port]/path` URL, split into the parts a relay checks and a download
/// needs. Given code: nothing to write here.

public struct FetchURL: Equatable, Sendable, CustomStringConvertible {
    /// Lowercased, without `://`: `"http"`, `"file"`, `"ftp"`…
    public let scheme: String
    /// Lowercased; an IPv6 literal without its brackets.
    public let host: String
    /// The port written in the URL, or `nil` (80 for http).
    public let explicitPort: UInt16?
    /// From the first `/` on, `/` if the URL has none.
    public let path: String

    public var port: UInt16 { explicitPort ?? 80 }

    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost)\(explicitPort.map { ":\($0)" } ?? "")\(path)"
    }

    /// Splits `text`, or gives `nil` if it is not `scheme://authority/path`. Any scheme is
    /// accepted here: refusing all but `http` is the relay's policy, with its own status.
    public init?(_ text: String) {
        let characters = Array(text)
        guard let colon = characters.indices.first(where: { characters[$0...].starts(with: "://") }) else { return nil }
        let scheme = String(characters[..<colon]).lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else {
            return nil
        }
        let rest = Substring(String(characters[(colon + 3)...]))
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var path = String(rest.dropFirst(authority.count).prefix { $0 != "#" })
        if path.isEmpty { path = "/" } else if !path.hasPrefix("/") { path = "/" + path }
        guard !authority.contains("@"), path.allSatisfy({ $0.isASCII && $0 > " " }) else { return nil }
        var host = Substring(authority)
        var portText: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
        } else if let colon = authority.firstIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        var port: UInt16?
        if let portText {
            guard let value = UInt16(portText), value > 0 else { return nil }
            port = value
        }
        guard scheme == "file" || !host.isEmpty, host.allSatisfy({ $0.isASCII && $0 > " " }) else { return nil }
        self.scheme = scheme
        self.host = host.lowercased()
        self.explicitPort = port
        self.path = path
    }
}
