/// Part 4: the boot of a machine with no address: a lease by DHCP (lab 05), the DNS
/// server from its option 6, and the app server's address from DNS (lab 06).
import Lab05DHCP
import Lab09Capstone
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

@Suite("Boot sequence", .serialized)
struct BootSequenceTests {
    static let mac = HardwareAddress([0x02, 0, 0, 0, 0x09, 0x01])

    @Test("DHCP gives a lease whose option 6 names the DNS server")
    func lease() throws {
        let services = try Services()
        defer { services.stop() }
        let lines = Mutex<[String]>([])
        let lease = try BootSequence.lease(from: services.dhcpAddress, mac: Self.mac, timeout: 3) { line in
            lines.withLock { $0.append(line) }
        }
        #expect(lease.address.description.hasPrefix("10.9.0."), "\(lease.address)")
        #expect(lease.dns.map(\.description) == ["127.0.0.1"])
        #expect(lease.mac == Self.mac)
        #expect(lines.withLock { $0.count } >= 4, "the DHCP client narrates each message: \(lines.withLock { $0 })")
        let dns = try BootSequence.dnsServer(in: lease, port: services.dnsPort)
        #expect(dns == services.dnsAddresses.udp)
    }

    @Test("A lease without a DNS server stops the boot with a clear error")
    func noDNSInLease() throws {
        let services = try Services(leaseDNS: false)
        defer { services.stop() }
        let lease = try BootSequence.lease(from: services.dhcpAddress, mac: Self.mac, timeout: 3) { _ in }
        #expect(throws: BootError.noDNSServer) { try BootSequence.dnsServer(in: lease, port: 53) }
    }

    @Test("The app server's name resolves to its registered address")
    func resolve() throws {
        let services = try Services()
        defer { services.stop() }
        services.register("my-app.home", ip: "127.0.0.42")
        let ip = try BootSequence.resolve("my-app.home", server: services.dnsAddresses.udp, timeout: 2)
        #expect(ip == "127.0.0.42")
    }

    @Test("An unknown name and an invalid one are errors, not an address")
    func unknownName() throws {
        let services = try Services()
        defer { services.stop() }
        #expect(throws: BootError.self) {
            _ = try BootSequence.resolve("nosuch.home", server: services.dnsAddresses.udp, timeout: 2)
        }
        #expect(throws: BootError.badName("bad..name")) {
            _ = try BootSequence.resolve("bad..name", server: services.dnsAddresses.udp, timeout: 2)
        }
    }

    @Test("The client's boot runs DHCP then DNS and records both phases")
    func clientBoot() throws {
        let services = try Services()
        defer { services.stop() }
        services.register("my-app.home", ip: "127.0.0.1")
        var options = CapstoneClient.Options(dhcp: services.dhcpAddress)
        options.dnsPort = services.dnsPort
        options.timeout = 3
        let client = CapstoneClient(options)
        let boot = try client.boot()
        #expect(boot.appIP == "127.0.0.1")
        #expect(boot.dnsServer == services.dnsAddresses.udp)
        let timeline = client.recorder.timeline
        #expect(timeline.phases.map(\.name) == ["dhcp", "dns"])
        let succeeded = timeline.phases.map(\.succeeded)
        #expect(succeeded == [true, true])
        let labels = timeline.messages.map(\.label)
        #expect(labels.prefix(4) == ["DISCOVER", "OFFER", "REQUEST", "ACK"], "\(labels)")
    }
}
