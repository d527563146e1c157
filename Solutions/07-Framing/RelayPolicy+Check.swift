/// The relay's first decision about a request: is it a FETCH of a URL it may fetch?
extension RelayPolicy {
    /// Parses `FETCH <url>` and applies the policy.
    ///
    /// - Returns: the URL to download.
    /// - Throws: `RelayRefusal` with the status for the client: 414 for a request over
    ///   4,096 bytes, 400 for anything but `FETCH <url>`, 501 for a scheme other than http,
    ///   403 for a host not allowed.
    public func check(_ request: [UInt8]) throws -> FetchURL {
        guard request.count <= Self.largestRequest else {
            throw RelayRefusal(RelayStatus.requestTooLarge, "a request is at most \(Self.largestRequest) bytes")
        }
        guard let text = String(validating: request, as: UTF8.self), text.hasPrefix("FETCH ") else {
            throw RelayRefusal(RelayStatus.badRequest, "a request is FETCH <url>")
        }
        let urlText = String(text.dropFirst(6))
        guard !urlText.contains(" "), let url = FetchURL(urlText) else {
            throw RelayRefusal(RelayStatus.badRequest, "'\(urlText)' is not a URL")
        }
        guard url.scheme == "http" else {
            throw RelayRefusal(RelayStatus.unsupportedScheme, "only http:// URLs are fetched, not \(url.scheme)://")
        }
        guard try isAllowed(url) else {
            throw RelayRefusal(RelayStatus.forbidden, "\(url.host) port \(url.port) is not on the relay's allowlist")
        }
        return url
    }

    /// Whether the URL's host (and port) may be fetched. With no `--allow`, only loopback.
    public func isAllowed(_ url: FetchURL) throws -> Bool {
        if allowed.isEmpty { return Self.isLoopback(url.host) }
        return allowed.contains { $0.host == url.host && ($0.port == nil || $0.port == url.port) }
    }

    /// `localhost`, `::1`, or a dotted IPv4 address in 127.0.0.0/8. Names are not resolved:
    /// `127.0.0.1.example.com` is a name, and not loopback.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }) else {
            return false
        }
        return parts.allSatisfy { Int($0)! <= 255 } && parts[0] == "127"
    }
}
