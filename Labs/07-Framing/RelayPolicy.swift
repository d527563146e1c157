/// What the relay will fetch: which hosts, how much, for how long. Given code.

/// One `--allow HOST[:PORT]` entry: a host name or address, and optionally one port.
public struct AllowedHost: Equatable, Sendable, CustomStringConvertible {
    public let host: String
    public let port: UInt16?

    public init(host: String, port: UInt16? = nil) {
        self.host = host.lowercased()
        self.port = port
    }

    /// Parses `HOST`, `HOST:PORT`, `[IPv6]` or `[IPv6]:PORT`; `nil` if it is none of them.
    public init?(_ text: String) {
        guard let url = FetchURL("http://\(text)/"), url.path == "/" else { return nil }
        self.init(host: url.host, port: url.explicitPort)
    }

    public var description: String { (host.contains(":") ? "[\(host)]" : host) + (port.map { ":\($0)" } ?? "") }
}

public struct RelayPolicy: Sendable {
    /// The hosts a URL may name. Empty means the default: loopback only (`localhost`,
    /// `127.0.0.0/8`, `::1`), so a relay started without `--allow` reaches nothing outside.
    public var allowed: [AllowedHost]
    /// The largest body the relay passes on (`--max-bytes`).
    public var maximumBytes: Int
    /// Seconds a whole download may take, headers and body, however slowly it trickles.
    public var timeout: Double

    public init(allowed: [AllowedHost] = [], maximumBytes: Int = 100_000_000, timeout: Double = 30) {
        self.allowed = allowed
        self.maximumBytes = maximumBytes
        self.timeout = timeout
    }

    /// The largest request frame the relay reads: `FETCH ` and a URL of up to 4,090 bytes.
    public static let largestRequest = 4_096
}

/// Why the relay will not fetch something: a status code and a reason, both sent to the client.
public struct RelayRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: UInt16
    public let reason: String

    public init(_ code: UInt16, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code) \(reason)" }
}

/// The relay's status codes, borrowed from HTTP's where one fits.
public enum RelayStatus {
    public static let ok: UInt16 = 200
    /// Not `FETCH <url>`, or not a URL.
    public static let badRequest: UInt16 = 400
    /// A host (or port) not on the allowlist.
    public static let forbidden: UInt16 = 403
    /// The body is over `--max-bytes`.
    public static let tooLarge: UInt16 = 413
    /// The request frame is over 4,096 bytes (or its header is not a length).
    public static let requestTooLarge: UInt16 = 414
    /// A scheme other than `http://`, such as `file://`.
    public static let unsupportedScheme: UInt16 = 501
    /// The origin could not be reached, answered with an error, or broke off.
    public static let badGateway: UInt16 = 502
    /// The download did not finish within `--timeout` seconds.
    public static let timedOut: UInt16 = 504
}
