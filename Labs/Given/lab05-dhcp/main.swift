// lab05-dhcp: a DHCP server, a client, and lease renewal. Argument parsing and wiring
// only: the DHCP itself is in Lab05DHCP.
import Foundation
import Lab05DHCP
import NetLabKit

/// Parses an IPv4 option, or throws a usage error that names it.
func address(_ text: String, _ option: String) throws -> IPv4Address {
    guard let address = IPv4Address(text) else { throw UsageError("\(option) '\(text)' is not an IPv4 address") }
    return address
}

/// Parses `--mac`, or throws a usage error that shows the shape.
func hardware(_ text: String) throws -> HardwareAddress {
    guard let mac = HardwareAddress(text) else {
        throw UsageError("--mac '\(text)' is not a MAC address such as 02:00:00:00:00:01")
    }
    return mac
}

/// A MAC address of its own for a client run without `--mac` (locally administered: 02:…).
func randomMAC() -> HardwareAddress {
    var random = SeededRandom(seed: SeededRandom.freshSeed())
    return HardwareAddress([0x02] + (0..<5).map { _ in UInt8.random(in: 0...255, using: &random) })
}

/// Where the server is: `--server HOST:PORT`, or the LAN broadcast address.
func serverAddress(_ arguments: ParsedArguments, default text: String) throws -> SocketAddress {
    if arguments.flag("--broadcast") { return try SocketAddress(ip: "255.255.255.255", port: 67) }
    let text = arguments.string("--server") ?? text
    do {
        return try SocketAddress.parse(text, defaultPort: 6767)
    } catch {
        throw UsageError("--server: \(error) (write HOST:PORT, such as 127.0.0.1:6767)")
    }
}

/// `--interface IF`, which only LAN mode uses (the socket is tied to it: SO_BINDTODEVICE).
func lanInterface(_ arguments: ParsedArguments) throws -> String? {
    guard let name = arguments.string("--interface") else { return nil }
    guard arguments.flag("--broadcast") else { throw UsageError("--interface \(name) needs --broadcast (LAN mode)") }
    return name
}

/// Reads a lease saved with `--save`.
func readLease(_ path: String) throws -> DHCPLease {
    guard let data = FileManager.default.contents(atPath: path),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let addressText = object["address"] as? String, let address = IPv4Address(addressText),
        let macText = object["mac"] as? String, let mac = HardwareAddress(macText),
        let server = object["server"] as? String,
        let serverIDText = object["server_id"] as? String, let serverID = IPv4Address(serverIDText)
    else {
        throw UsageError("--lease '\(path)' is not a lease saved with 'lab05-dhcp client --save FILE'")
    }
    var ack = DHCPMessage()
    ack.yiaddr = address
    ack.setOption(.serverIdentifier, serverID.bytes)
    ack.setOption(.leaseTime, UInt32(object["lease_seconds"] as? Int ?? 0).bigEndianBytes)
    var lease = DHCPLease(ack: ack, mac: mac, clientID: object["client_id"] as? String, server: server)
    lease.subnetMask = (object["subnet_mask"] as? String).flatMap { IPv4Address($0) }
    lease.router = (object["router"] as? String).flatMap { IPv4Address($0) }
    lease.dns = (object["dns"] as? [String] ?? []).compactMap { IPv4Address($0) }
    lease.domain = object["domain"] as? String
    return lease
}

/// Prints the lease (or its JSON) and saves it if asked.
func report(_ lease: DHCPLease, _ arguments: ParsedArguments) throws {
    if arguments.flag("--json") {
        Console.print(lease.json())
    } else {
        lease.summary().forEach(Console.print)
    }
    if let path = arguments.string("--save") ?? arguments.string("--lease") {
        try FileSystem.writeAtomically(Array(lease.savedJSON().utf8), to: path)
    }
}

/// `--configure`: gives the interface the leased address (`ip addr add`).
func configure(_ lease: DHCPLease, interface: String) throws {
    let prefix = (lease.subnetMask?.value ?? 0xFFFF_FF00).nonzeroBitCount
    let ip = Process()
    ip.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
    ip.arguments = ["addr", "add", "\(lease.address)/\(prefix)", "dev", interface]
    try ip.run()
    ip.waitUntilExit()
    guard ip.terminationStatus == 0 else { throw UsageError("ip addr add \(lease.address)/\(prefix) failed") }
    Console.error("configured \(lease.address)/\(prefix) on \(interface)")
}

let clientOptions: [Option] = [
    .value("--server", "host:port", "The DHCP server.", default: "127.0.0.1:6767"),
    .value("--port", "port", "The local port replies come to (0 picks one).", default: "6868"),
    .value("--timeout", "seconds", "Bound on the whole exchange, retransmissions included.", default: "10"),
    .flag("--json", "Print the lease as one JSON object."),
    .flag("--broadcast", "LAN mode: ports 67/68, broadcast (needs root)."),
    .value("--interface", "if", "LAN mode: the interface to use (SO_BINDTODEVICE; --configure's too)."),
]

/// Where the client narrates the exchange: stdout, or stderr when stdout is for `--json`.
func narrator(json: Bool) -> @Sendable (String) -> Void {
    if json { return { Console.error($0) } }
    return { Console.print($0) }
}

/// `lab05-dhcp server`.
func runServer(_ arguments: ParsedArguments) throws -> Int32 {
    var configuration = DHCPServerConfiguration()
    configuration.broadcast = arguments.flag("--broadcast")
    configuration.interface = try lanInterface(arguments)
    configuration.host = arguments.string("--host") ?? "127.0.0.1"
    configuration.port = try arguments.port("--port") ?? 6767
    if configuration.broadcast && arguments.string("--port") == "6767" { configuration.port = 67 }
    configuration.clientPort = try arguments.port("--client-port") ?? 6868
    if configuration.broadcast && arguments.string("--client-port") == "6868" { configuration.clientPort = 68 }
    guard let poolText = arguments.string("--pool") else {
        throw UsageError("missing --pool FIRST-LAST, such as --pool 10.0.0.10-10.0.0.200")
    }
    let ends = poolText.split(separator: "-").map(String.init)
    guard ends.count == 2, let first = IPv4Address(ends[0]), let last = IPv4Address(ends[1]), first <= last
    else { throw UsageError("--pool '\(poolText)' must be FIRST-LAST, such as 10.0.0.10-10.0.0.200") }
    configuration.pool = first...last
    configuration.subnetMask = try address(arguments.string("--subnet-mask") ?? "255.255.255.0", "--subnet-mask")
    configuration.router = try arguments.string("--router").map { try address($0, "--router") }
    configuration.dns = try (arguments.string("--dns") ?? "").split(separator: ",").map {
        try address(String($0), "--dns")
    }
    configuration.domain = arguments.string("--domain")
    configuration.leaseSeconds = UInt32(try arguments.int("--lease", in: 1...0x7FFF_FFFF) ?? 3600)
    configuration.serverID = try arguments.string("--server-id").map { try address($0, "--server-id") }
    configuration.leasesFile = arguments.string("--leases")
    configuration.offerHold = try arguments.double("--offer-hold", in: 0.01...3600) ?? 10
    configuration.authoritative = arguments.flag("--authoritative")
    for entry in arguments.strings("--static") {
        let parts = entry.split(separator: "=").map(String.init)
        guard parts.count == 2, let mac = HardwareAddress(parts[0]), let ip = IPv4Address(parts[1]) else {
            throw UsageError("--static '\(entry)' must be MAC=IP, such as 02:00:00:00:00:01=10.0.0.5")
        }
        configuration.reservations[mac] = ip
    }
    let server = try DHCPServer(configuration)
    try server.start()
    while true { sleep(seconds: 3600) }
}

/// `lab05-dhcp client`.
func runClient(_ arguments: ParsedArguments) throws -> Int32 {
    var configuration = DHCPClientConfiguration(
        server: try serverAddress(arguments, default: "127.0.0.1:6767"),
        mac: try arguments.string("--mac").map(hardware) ?? randomMAC())
    configuration.broadcast = arguments.flag("--broadcast")
    configuration.interface = try lanInterface(arguments)
    configuration.port = try arguments.port("--port") ?? 6868
    if configuration.broadcast && arguments.string("--port") == "6868" { configuration.port = 68 }
    configuration.clientID = arguments.string("--client-id")
    configuration.hostname = arguments.string("--hostname")
    configuration.requested = try arguments.string("--request").map { try address($0, "--request") }
    configuration.timeout = try arguments.double("--timeout", in: 0.1...600) ?? 10
    if configuration.broadcast { configuration.backoffScale = 1 }
    let json = arguments.flag("--json")
    configuration.log = narrator(json: json)
    let client = try DHCPClient(configuration)
    let lease: DHCPLease
    do {
        lease = try client.obtain()
    } catch let error as DHCPClientError {
        Console.error("error: \(error) (tried \(configuration.server) for \(configuration.timeout) s)")
        return 1
    }
    try report(lease, arguments)
    if arguments.flag("--configure") {
        guard let interface = arguments.string("--interface") else {
            throw UsageError("--configure needs --interface IF")
        }
        try configure(lease, interface: interface)
    }
    if arguments.flag("--release") { try client.release(lease) }
    return 0
}

/// `lab05-dhcp renew`.
func runRenew(_ arguments: ParsedArguments) throws -> Int32 {
    guard let path = arguments.string("--lease") else { throw UsageError("missing --lease FILE") }
    let lease = try readLease(path)
    let leaseServer = try SocketAddress.parse(lease.server, defaultPort: 6767)
    var configuration = DHCPClientConfiguration(
        server: try serverAddress(arguments, default: lease.server), mac: lease.mac)
    configuration.clientID = lease.clientID
    configuration.broadcast = arguments.flag("--broadcast")
    configuration.interface = try lanInterface(arguments)
    configuration.port = try arguments.port("--port") ?? 6868
    if configuration.broadcast && arguments.string("--port") == "6868" { configuration.port = 68 }
    configuration.timeout = try arguments.double("--timeout", in: 0.1...600) ?? 10
    if configuration.broadcast { configuration.backoffScale = 1 }
    configuration.log = narrator(json: arguments.flag("--json"))
    let client = try DHCPClient(configuration)
    do {
        try report(try client.renew(lease, leaseServer: leaseServer), arguments)
    } catch let error as DHCPClientError {
        Console.error("error: \(error)")
        return 1
    }
    return 0
}

let tool = CommandLineTool(
    name: "lab05-dhcp", abstract: "A DHCP server and client on the RFC 2131/2132 wire format.",
    subcommands: [
        Subcommand(
            name: "server", abstract: "Lease addresses from a pool; with --leases FILE, survive a crash.",
            options: [
                .value("--host", "host", "Address to bind.", default: "127.0.0.1"),
                .value("--port", "port", "Port to listen on (0 picks one).", default: "6767"),
                .value("--client-port", "port", "LAN mode: the port replies are broadcast to.", default: "6868"),
                .value("--pool", "first-last", "The addresses to lease, such as 10.0.0.10-10.0.0.200."),
                .value("--subnet-mask", "mask", "Option 1.", default: "255.255.255.0"),
                .value("--router", "ip", "Option 3."),
                .value("--dns", "ip,…", "Option 6: DNS servers, separated by commas."),
                .value("--domain", "name", "Option 15."),
                .value("--lease", "seconds", "Lease time (option 51).", default: "3600"),
                .value("--server-id", "ip", "Option 54 (default: the pool's network with .1)."),
                .value("--leases", "file", "The lease file: every change is on disk before the reply."),
                .value("--static", "mac=ip", "A reservation (repeat for more).", repeatable: true),
                .value("--offer-hold", "seconds", "How long an offered address is held.", default: "10"),
                .flag("--authoritative", "NAK clients we have no record of (RFC 2131 §4.3.2)."),
                .flag("--broadcast", "LAN mode: 0.0.0.0, port 67, broadcast replies (needs root)."),
                .value("--interface", "if", "LAN mode: serve only this interface (SO_BINDTODEVICE)."),
            ]
        ) { arguments in try runServer(arguments) },
        Subcommand(
            name: "client", abstract: "Get a lease: DISCOVER, OFFER, REQUEST, ACK.",
            options: clientOptions + [
                .value("--mac", "mac", "The hardware address to send (default: a random 02:… one)."),
                .value("--client-id", "text", "Option 61: type 0 and this text."),
                .value("--hostname", "name", "Option 12."),
                .value("--request", "ip", "Option 50: the address to ask for."),
                .flag("--release", "Give the lease back (RELEASE) once it is granted."),
                .value("--save", "file", "Write the lease as JSON to this file (for renew)."),
                .flag("--configure", "LAN mode: add the address to --interface (ip addr add)."),
            ]
        ) { arguments in try runClient(arguments) },
        Subcommand(
            name: "renew", abstract: "Extend a saved lease: RENEWING, then REBINDING; updates the file.",
            options: clientOptions.filter { $0.name != "--server" } + [
                .value("--lease", "file", "The lease saved with 'client --save FILE'."),
                .value("--server", "host:port", "Where to rebind (default: the lease's server)."),
            ]
        ) { arguments in try runRenew(arguments) },
    ])
tool.run()
