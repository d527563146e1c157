import Lab05DHCP
import Lab06DNS
import NetLabKit

/// The boot of a machine that starts with no address (part 4): a lease by DHCP (lab 05),
/// the DNS server from the lease, and the app server's address from it (lab 06).
/// `CapstoneClient.boot` runs these three steps in order, times them and records them.
public enum BootSequence {
    /// Gets a lease from the DHCP server at `server` with lab 05's `DHCPClient`.
    ///
    /// The client's own socket takes a free port (`port = 0`), `mac` is its hardware
    /// address, and the whole exchange gives up after `timeout` seconds. `log` receives the
    /// client's narration, one line per message (the timeline draws its arrows from it).
    ///
    /// With `broadcast` (LAN mode, as `lab05-dhcp client --broadcast`) the client instead
    /// listens on port 68 with the configuration's `broadcast` on, and backs off at full
    /// scale (`backoffScale = 1`): a real network is slower than loopback.
    ///
    /// - Throws: lab 05's `DHCPClientError.noServer` if no lease came in time.
    public static func lease(
        from server: SocketAddress, mac: HardwareAddress, broadcast: Bool = false, timeout: Double,
        log: @escaping @Sendable (String) -> Void
    ) throws -> DHCPLease {
        var configuration = DHCPClientConfiguration(server: server, mac: mac)
        configuration.port = broadcast ? 68 : 0
        configuration.broadcast = broadcast
        if broadcast { configuration.backoffScale = 1 }
        configuration.timeout = timeout
        configuration.log = log
        return try DHCPClient(configuration).obtain()
    }

    /// The DNS server the lease names: its first option-6 address, on `port`.
    ///
    /// - Throws: `BootError.noDNSServer` if the lease has none.
    public static func dnsServer(in lease: DHCPLease, port: UInt16) throws -> SocketAddress {
        guard let first = lease.dns.first else { throw BootError.noDNSServer }
        return try SocketAddress(ip: first.description, port: port)
    }

    /// Asks `server` for the A record of `name` with lab 06's `DNSClient.query`.
    ///
    /// - Returns: the first IPv4 address in the answer section, as text.
    /// - Throws: `BootError.badName` for a name `DNSName` rejects; `.nameNotFound` for
    ///   NXDOMAIN; `.dnsError` with the code's text for another error code; `.noAddress` if
    ///   the answer holds no A record; lab 06's `DNSClientError` if nothing came back.
    public static func resolve(_ name: String, server: SocketAddress, timeout: Double) throws -> String {
        guard let dnsName = DNSName(name) else { throw BootError.badName(name) }
        let result = try DNSClient.query(dnsName, type: .a, server: server, timeout: timeout)
        let code = result.message.responseCode
        if code == .nameError { throw BootError.nameNotFound(name) }
        guard code == .noError else { throw BootError.dnsError("\(code)") }
        for record in result.message.answers {
            if case .a(let bytes) = record.data, bytes.count == 4 { return IPAddressText.format(bytes) }
        }
        throw BootError.noAddress(name)
    }
}
