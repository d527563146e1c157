import NetLabKit

/// How to run a server: `lab06-dns server`'s options.
public struct DNSServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// UDP and TCP port for DNS; 0 picks a free one (the same for both).
    public var port: UInt16 = 5353
    /// UDP port for the admin channel; 0 picks a free one, `nil` turns it off.
    public var adminPort: UInt16? = 5354
    /// Where to forward other names; `nil` (`--upstream none`) refuses them.
    public var upstream: SocketAddress?
    /// Local records (`--record` and the zone file).
    public var records: [ResourceRecord] = []
    /// TTL of `--record` and REGISTER names.
    public var ttl: UInt32 = 300
    public var adminToken: String?
    public var cacheSize: Int = 10_000
    /// Seconds to wait for each upstream attempt.
    public var upstreamTimeout: Double = 1.5
    /// The cache's clock.
    public var time: any TimeSource = SystemTime()
    /// Threads receiving UDP queries.
    public var workers: Int = 2
    /// Where diagnostics go.
    public var log: @Sendable (String) -> Void = { Console.error($0) }

    public init() {}
}
