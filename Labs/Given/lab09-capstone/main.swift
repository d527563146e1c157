// lab09-capstone: the whole system at once. A client with no address boots (DHCP, DNS)
// and loads a web app over TCP, through the relay and over RUDP.
//
//   lab09-capstone app-server [--host 127.0.0.1] [--http-port 8080] [--rudp-port 8081] [--root DIR]
//                             [--dns HOST:ADMINPORT] [--domain my-app.home] [--register-as IP]
//   lab09-capstone client [--dhcp HOST:PORT] [--name my-app.home] [--path /] [--via tcp|relay|rudp|all]
//                         [-o DIR] [--timeline FILE.json] [--plot FILE.svg]
//                         [--dns-port 53] [--http-port 8080] [--rudp-port 8081] [--relay HOST:PORT] [--timeout S]
//   lab09-capstone gateway [--port 8000] [--dhcp HOST:PORT] [--name my-app.home] [same ports as client]
import Lab02HTTP
import Lab05DHCP
import Lab08RUDP
import Lab09Capstone
import NetLabChannel
import NetLabKit

func address(_ arguments: ParsedArguments, _ name: String) throws -> SocketAddress {
    guard let text = arguments.string(name) else { throw UsageError("missing \(name) HOST:PORT") }
    do { return try SocketAddress.parse(text) } catch { throw UsageError("\(name): \(error)") }
}

/// Options the client and the gateway share: where the boot starts, and the ports DNS
/// cannot tell.
let bootOptions: [Option] = [
    .value("--dhcp", "host:port", "The DHCP server (lab 05).", default: "127.0.0.1:6767"),
    .value("--name", "name", "The app server's name, resolved by DNS.", default: "my-app.home"),
    .value("--dns-port", "port", "The DNS server's port (option 6 gives only its address).", default: "53"),
    .value("--http-port", "port", "The app server's HTTP (TCP) port.", default: "8080"),
    .value("--rudp-port", "port", "The app server's RUDP (UDP) port.", default: "8081"),
    .value("--timeout", "seconds", "How long each phase may take before it fails.", default: "5"),
    .flag("--broadcast", "LAN mode: DHCP by broadcast from port 68 (--dhcp then defaults to 255.255.255.255:67)."),
    .value("--mac", "mac", "The hardware address DHCP sends (default: a random 02:… one)."),
]

func clientOptions(_ arguments: ParsedArguments) throws -> CapstoneClient.Options {
    let broadcast = arguments.flag("--broadcast")
    let dhcp =
        broadcast && arguments.strings("--dhcp").isEmpty
        ? try SocketAddress(ip: "255.255.255.255", port: 67) : try address(arguments, "--dhcp")
    var options = CapstoneClient.Options(dhcp: dhcp)
    options.broadcast = broadcast
    options.name = arguments.string("--name")!
    options.path = arguments.string("--path") ?? "/"
    guard options.path.hasPrefix("/") else { throw UsageError("--path must start with /, such as /watch?v=intro") }
    options.dnsPort = try arguments.port("--dns-port")!
    options.httpPort = try arguments.port("--http-port")!
    options.rudpPort = try arguments.port("--rudp-port")!
    options.timeout = try arguments.double("--timeout", in: 0.05...600)!
    if arguments.string("--relay") != nil { options.relay = try address(arguments, "--relay") }
    if let text = arguments.string("--mac") {
        guard let mac = HardwareAddress(text) else {
            throw UsageError("--mac '\(text)' is not six hex bytes, such as 02:00:00:00:00:09")
        }
        options.mac = mac
    } else {
        var random = SeededRandom(seed: SeededRandom.freshSeed())
        options.mac = HardwareAddress([0x02] + (0..<5).map { _ in UInt8(truncatingIfNeeded: random.next()) })
    }
    return options
}

let appServer = Subcommand(
    name: "app-server", abstract: "Serve the web app over HTTP (TCP) and over RUDP; register its name in DNS.",
    options: [
        .value("--host", "address", "Address to bind.", default: "127.0.0.1"),
        .value("--http-port", "port", "TCP port for HTTP (0 picks one).", default: "8080"),
        .value("--rudp-port", "port", "UDP port for HTTP over RUDP (0 picks one).", default: "8081"),
        .value("--root", "dir", "The app's folder.", default: "Handouts/examples/my-app"),
        .value("--dns", "host:adminport", "Lab 06's admin channel: REGISTER at start, UNREGISTER on stop."),
        .value("--domain", "name", "The name to register.", default: "my-app.home"),
        .value("--register-as", "ip", "The address to register (default: --host)."),
    ] + Faults.commandLineOptions
) { arguments in
    TerminationSignals.block()
    var configuration = AppServer.Configuration()
    configuration.host = arguments.string("--host")!
    configuration.httpPort = try arguments.port("--http-port")!
    configuration.rudpPort = try arguments.port("--rudp-port")!
    configuration.root = arguments.string("--root")!
    guard FileSystem.isDirectory(configuration.root) else {
        throw UsageError("--root: '\(configuration.root)' is not a folder (run from the repository root)")
    }
    configuration.domain = arguments.string("--domain")!
    if arguments.string("--dns") != nil { configuration.dnsAdmin = try address(arguments, "--dns") }
    configuration.registerAs = arguments.string("--register-as")
    if configuration.host == "0.0.0.0" && configuration.registerAs == nil && configuration.dnsAdmin != nil {
        throw UsageError("--host 0.0.0.0 is not an address clients can use: add --register-as IP")
    }
    configuration.rudpFaults = try Faults(arguments: arguments)
    if !configuration.rudpFaults.isPerfect { Console.error("rudp channel: \(configuration.rudpFaults)") }
    let server = try AppServer(configuration)
    try server.start()
    let signal = TerminationSignals.wait()
    Console.error("\(TerminationSignals.name(signal)): stopping")
    server.stop()
    return 0
}

/// Prints the timeline and writes the files asked for; used on success and on failure.
func report(_ client: CapstoneClient, _ arguments: ParsedArguments) throws {
    let timeline = client.recorder.timeline
    for line in timeline.lines { Console.print(line) }
    if let path = arguments.string("--timeline") {
        try FileSystem.writeAtomically(Array(timeline.json().utf8), to: path)
    }
    if let path = arguments.string("--plot") {
        let title = "lab09-capstone client: \(client.options.name)\(client.options.path)"
        try FileSystem.writeAtomically(Array(SequenceDiagram.svg(timeline, title: title).utf8), to: path)
    }
}

let client = Subcommand(
    name: "client", abstract: "Boot with no address (DHCP, DNS), then fetch a page over TCP, the relay and RUDP.",
    options: bootOptions + [
        .value("--path", "path", "What to fetch.", default: "/"),
        .value("--via", "tcp|relay|rudp|all", "Which transport(s); with all, the three bodies must match.",
            default: "all"),
        .value("--relay", "host:port", "Lab 07's relay (default: the app server's address, port 2121)."),
        .value("-o", "dir", "Save the body in this folder."),
        .value("--timeline", "file.json", "Write the timeline as JSON."),
        .value("--plot", "file.svg", "Draw the timeline as an SVG sequence diagram."),
    ]
) { arguments in
    var options = try clientOptions(arguments)
    switch arguments.string("--via")! {
    case "all": options.via = Transport.allCases
    case let one:
        guard let transport = Transport(rawValue: one) else {
            throw UsageError("--via must be tcp, relay, rudp or all")
        }
        options.via = [transport]
    }
    if let folder = arguments.string("-o"), !FileSystem.isDirectory(folder) {
        throw UsageError("-o: '\(folder)' is not a folder")
    }
    let client = CapstoneClient(options)
    var transfers: [Transfer] = []
    do {
        let boot = try client.boot()
        for transport in options.via { transfers.append(try client.fetch(transport, after: boot)) }
    } catch {
        try? report(client, arguments)
        Console.error((error as? PhaseFailure)?.message ?? "error: \(error)")
        return 1
    }
    try report(client, arguments)
    let digests = transfers.map { SHA256.hex($0.body) }
    for (transfer, digest) in zip(transfers, digests) {
        Console.print("sha256 \(transfer.transport.rawValue.padding(toLength: 5)) \(digest)")
    }
    if Set(digests).count > 1 {
        Console.error("error: transfer failed: the bodies differ (see the sha256 lines)")
        return 1
    }
    if transfers.count > 1 { Console.print("all \(transfers.count) bodies match") }
    if let folder = arguments.string("-o"), let first = transfers.first {
        var name = String(options.path.prefix { $0 != "?" }.split(separator: "/").last ?? "")
        if name.isEmpty || options.path.prefix(while: { $0 != "?" }).hasSuffix("/") { name = "index.html" }
        if name == "watch" { name = "watch.html" }
        try FileSystem.writeAtomically(first.body, to: "\(folder)/\(name)")
        Console.print("saved \(folder)/\(name): \(first.body.count) bytes")
    }
    return 0
}

let gateway = Subcommand(
    name: "gateway", abstract: "Boot like the client, then serve a local HTTP port, fetching every request over RUDP.",
    options: bootOptions + [
        .value("--host", "address", "Address the browser connects to.", default: "127.0.0.1"),
        .value("--port", "port", "TCP port for the browser (0 picks one).", default: "8000"),
    ]
) { arguments in
    TerminationSignals.block()
    let options = try clientOptions(arguments)
    let client = CapstoneClient(options)
    let boot: CapstoneClient.Boot
    do { boot = try client.boot() } catch {
        for line in client.recorder.timeline.lines { Console.print(line) }
        Console.error((error as? PhaseFailure)?.message ?? "error: \(error)")
        return 1
    }
    for line in client.recorder.timeline.lines { Console.print(line) }
    let app = try SocketAddress(ip: boot.appIP, port: options.rudpPort)
    var configuration = ServerConfiguration()
    configuration.host = arguments.string("--host")!
    configuration.port = try arguments.port("--port")!
    configuration.serverName = "lab09-capstone gateway"
    let handler = Gateway(app: app, name: options.name, options: client.transportOptions, timeout: options.timeout)
    let server = try HTTPServer(configuration: configuration, handler: handler)
    let local = try server.start()
    Console.announceListening(scheme: "tcp", on: local)
    Console.print("open http://\(local)/ : every request goes to \(options.name) (\(app)) over RUDP")
    let signal = TerminationSignals.wait()
    Console.error("\(TerminationSignals.name(signal)): stopping")
    server.stop()
    return 0
}

extension String {
    func padding(toLength width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

let tool = CommandLineTool(
    name: "lab09-capstone", abstract: "The capstone: DHCP, DNS, HTTP, the relay and RUDP, working together.",
    subcommands: [appServer, client, gateway])
tool.run()
