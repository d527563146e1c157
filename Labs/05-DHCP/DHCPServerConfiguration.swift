import NetLabKit

/// How to run a server: `lab05-dhcp server`'s options.
public struct DHCPServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// The port to listen on; 0 picks a free one. Real DHCP uses 67.
    public var port: UInt16 = 6767
    /// Where LAN-mode broadcasts go. Real DHCP uses 68.
    public var clientPort: UInt16 = 6868
    public var pool: ClosedRange<IPv4Address> = IPv4Address("10.0.0.10")!...IPv4Address("10.0.0.200")!
    public var subnetMask = IPv4Address("255.255.255.0")!
    public var router: IPv4Address?
    public var dns: [IPv4Address] = []
    public var domain: String?
    /// Option 51: how long a lease lasts.
    public var leaseSeconds: UInt32 = 3600
    /// Option 54: who the server says it is. Defaults to the pool's first address with
    /// its last byte set to 1 (10.0.0.1 for 10.0.0.10-200).
    public var serverID: IPv4Address?
    /// The lease file (`--leases FILE`); `nil` keeps leases in memory only.
    public var leasesFile: String?
    /// `--static MAC=IP` reservations.
    public var reservations: [HardwareAddress: IPv4Address] = [:]
    /// How long an offered address is held for the client it was offered to.
    public var offerHold: Double = 10
    /// How long a declined address stays out of service.
    public var quarantineSeconds: Double = 600
    /// NAK a client the server has no record of (RFC 2131 §4.3.2), instead of staying silent.
    public var authoritative = false
    /// LAN mode: bind 0.0.0.0, SO_BROADCAST, broadcast replies to clients with no address.
    public var broadcast = false
    /// LAN mode: the one interface to serve (`SO_BINDTODEVICE`); `nil` serves every interface.
    public var interface: String?
    /// The server's clock. The default is the wall clock, so that a lease file written
    /// before a restart means the same thing after it.
    public var time: any TimeSource = WallClock()
    /// Where diagnostics go.
    public var log: @Sendable (String) -> Void = { Console.error($0) }

    public init() {}

    /// Option 54 as the server sends it.
    public var serverIdentifier: IPv4Address {
        serverID ?? IPv4Address(pool.lowerBound.value & 0xFFFF_FF00 | 1)
    }

    /// Whether `address` is on the server's subnet.
    public func onSubnet(_ address: IPv4Address) -> Bool {
        address.value & subnetMask.value == serverIdentifier.value & subnetMask.value
    }
}

/// The wall clock as a `TimeSource`: seconds since 1970. Leases in a file must still mean
/// the same moment after a restart, which a monotonic clock does not promise.
public struct WallClock: TimeSource {
    public init() {}
    public func now() -> Double { SystemTime.wallClock() }
}
