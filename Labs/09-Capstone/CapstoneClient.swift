import Lab05DHCP
import Lab08RUDP
import NetLabKit

/// The client's whole run, phase by phase. Given code: it calls your boot steps (part 4)
/// and transfers (part 5), times each one, records it in the timeline, and turns any error
/// into a `PhaseFailure` that names the phase (part 7 words it).
///
/// ```
/// dhcp  → a lease, with the DNS server in option 6     BootSequence.lease
/// dns   → the app server's address                      BootSequence.dnsServer, .resolve
/// tcp   → the page over HTTP                            Transfer.overTCP
/// relay → the page through the relay                    Transfer.throughRelay
/// rudp  → the page over reliable UDP                    Transfer.overRUDP
/// ```
public final class CapstoneClient: Sendable {
    public struct Options: Sendable {
        public var dhcp: SocketAddress
        public var name = "my-app.home"
        public var path = "/"
        public var via: [Transport] = Transport.allCases
        /// The DNS server's port (option 6 carries only its address).
        public var dnsPort: UInt16 = 53
        /// The app server's ports (DNS gives only its address).
        public var httpPort: UInt16 = 8080
        public var rudpPort: UInt16 = 8081
        /// The relay, or `nil` for the app server's address on port 2121.
        public var relay: SocketAddress?
        /// Seconds each phase may take before it fails.
        public var timeout = 5.0
        /// The hardware address the DHCP client sends.
        public var mac = HardwareAddress([0x02, 0x00, 0x00, 0x00, 0x00, 0x09])
        /// LAN mode: DHCP by broadcast, from port 68 (needs root).
        public var broadcast = false
        public init(dhcp: SocketAddress) { self.dhcp = dhcp }
    }

    /// What the boot learned.
    public struct Boot: Sendable {
        public var lease: DHCPLease
        public var dnsServer: SocketAddress
        /// The app server's address, from DNS.
        public var appIP: String
    }

    public let options: Options
    public let recorder = TimelineRecorder()

    public init(_ options: Options) { self.options = options }

    /// RUDP's options for this client: the retry budget bounded by the phase's timeout.
    public var transportOptions: TransportOptions {
        var transport = TransportOptions()
        transport.giveUpAfter = options.timeout
        transport.closeTimeout = min(2, options.timeout)
        transport.timeWait = 0.2
        return transport
    }

    /// Runs `body` as the phase `name`: times it, records it, names it if it fails.
    func phase<T>(
        _ name: String, tried: String, detail: (T) -> String, _ body: () throws -> T
    ) throws(PhaseFailure) -> T {
        let start = recorder.now
        do {
            let result = try body()
            recorder.phase(name, start: start, detail: detail(result))
            return result
        } catch {
            let failure = PhaseFailure(
                phase: name, tried: tried, seconds: (recorder.now - start) / 1000, reason: "\(error)")
            recorder.phase(name, start: start, detail: failure.reason, succeeded: false)
            throw failure
        }
    }

    /// DHCP, then DNS.
    public func boot() throws(PhaseFailure) -> Boot {
        let recorder = recorder
        let lease = try phase(
            "dhcp", tried: "DISCOVER to \(options.dhcp)",
            detail: { (lease: DHCPLease) in
                "lease \(lease.address)" + (lease.subnetMask.map { "/\($0)" } ?? "")
                    + " for \(lease.leaseSeconds) s from \(lease.serverID), dns "
                    + (lease.dns.isEmpty ? "none" : lease.dns.map(\.description).joined(separator: ","))
            }
        ) {
            try BootSequence.lease(
                from: options.dhcp, mac: options.mac, broadcast: options.broadcast, timeout: options.timeout
            ) { line in
                // The DHCP client narrates each message: each becomes an arrow.
                let word = line.split(separator: " ").first.map(String.init) ?? ""
                let type = word.hasPrefix("DHCP") ? String(word.dropFirst(4)) : word
                if ["DISCOVER", "REQUEST"].contains(type) { recorder.message(type, from: .client, to: .dhcp) }
                if ["OFFER", "ACK", "NAK"].contains(type) { recorder.message(type, from: .dhcp, to: .client) }
            }
        }
        var server: SocketAddress?
        let appIP = try phase(
            "dns", tried: "\(options.name) A from \(server.map { "\($0)" } ?? "the lease's DNS server")",
            detail: { (ip: String) in "\(options.name) A \(ip) from \(server.map { "\($0)" } ?? "?")" }
        ) {
            let dns = try BootSequence.dnsServer(in: lease, port: options.dnsPort)
            server = dns
            recorder.message("A \(options.name)?", from: .client, to: .dns)
            let ip = try BootSequence.resolve(options.name, server: dns, timeout: options.timeout)
            recorder.message("A \(ip)", from: .dns, to: .client)
            return ip
        } amend: { failure in
            // The DNS server is known only once the lease is read: say which one was tried.
            if let server { failure.tried = "\(options.name) A from \(server)" }
        }
        return Boot(lease: lease, dnsServer: server!, appIP: appIP)
    }

    /// Fetches the path one way.
    public func fetch(_ transport: Transport, after boot: Boot) throws(PhaseFailure) -> Transfer {
        let path = options.path
        let http: SocketAddress
        let rudp: SocketAddress
        let relay: SocketAddress
        do {
            http = try SocketAddress(ip: boot.appIP, port: options.httpPort)
            rudp = try SocketAddress(ip: boot.appIP, port: options.rudpPort)
            relay = try options.relay ?? SocketAddress(ip: boot.appIP, port: 2121)
        } catch {
            throw PhaseFailure(phase: transport.rawValue, tried: boot.appIP, seconds: 0, reason: "\(error)")
        }
        let start = recorder.now
        let detail = { (transfer: Transfer) -> String in
            let seconds = (self.recorder.now - start) / 1000
            let rate = seconds > 0 ? Double(transfer.body.count) / seconds / 1e6 : 0
            return "200 \(transfer.contentType), \(transfer.body.count) bytes, \(fixed(rate, decimals: 1)) MB/s"
        }
        let recorder = recorder
        let options = options
        switch transport {
        case .tcp:
            return try phase("tcp", tried: "GET \(Transfer.url(path, on: http))", detail: detail) {
                recorder.message("GET \(path)", from: .client, to: .app)
                let transfer = try Transfer.overTCP(path, app: http, name: options.name, timeout: options.timeout)
                recorder.message("200, \(transfer.body.count) bytes", from: .app, to: .client)
                return transfer
            }
        case .relay:
            return try phase(
                "relay", tried: "FETCH \(Transfer.url(path, on: http)) through \(relay)", detail: detail
            ) {
                recorder.message("FETCH \(path)", from: .client, to: .relay)
                recorder.message("GET \(path)", from: .relay, to: .app)
                let transfer = try Transfer.throughRelay(path, relay: relay, app: http, timeout: options.timeout)
                recorder.message("200", from: .app, to: .relay)
                recorder.message("DATA…END, \(transfer.body.count) bytes", from: .relay, to: .client)
                return transfer
            }
        case .rudp:
            return try phase("rudp", tried: "GET \(path) over RUDP from \(rudp)", detail: detail) {
                recorder.message("SYN", from: .client, to: .app)
                let transfer = try Transfer.overRUDP(
                    path, app: rudp, name: options.name, options: transportOptions, timeout: options.timeout
                ) {
                    recorder.message("SYN-ACK", from: .app, to: .client)
                    recorder.message("GET \(path)", from: .client, to: .app)
                }
                recorder.message("200, \(transfer.body.count) bytes, FIN", from: .app, to: .client)
                return transfer
            }
        }
    }

    /// `phase`, with a chance to amend the failure before it is thrown.
    func phase<T>(
        _ name: String, tried: String, detail: (T) -> String, _ body: () throws -> T,
        amend: (inout PhaseFailure) -> Void
    ) throws(PhaseFailure) -> T {
        do {
            return try phase(name, tried: tried, detail: detail, body)
        } catch {
            var failure = error
            amend(&failure)
            throw failure
        }
    }
}
