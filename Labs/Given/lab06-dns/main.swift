// lab06-dns: a DNS server (UDP, TCP, admin channel), a dig-like query client, and the
// admin commands. Argument parsing and wiring only: the DNS itself is in Lab06DNS.
import Lab06DNS
import NetLabKit

/// Reads `--server HOST` and a port option into an address, as a usage error if bad.
func serverAddress(_ arguments: ParsedArguments, portOption: String) throws -> SocketAddress {
    try arguments.address(
        host: arguments.string("--server") ?? "127.0.0.1", port: try arguments.port(portOption) ?? 5353)
}

/// Parses a name argument or throws a usage error that says what a name looks like.
func nameArgument(_ text: String) throws -> DNSName {
    guard let name = DNSName(text) else {
        throw UsageError("'\(text)' is not a domain name (labels of 1-63 bytes, 255 in all)")
    }
    return name
}

/// Sends one admin command and prints the reply; exit 0 for OK, 1 for ERROR or no reply.
func runAdmin(_ command: String, _ arguments: ParsedArguments) throws -> Int32 {
    let server = try serverAddress(arguments, portOption: "--admin-port")
    let line = arguments.string("--token").map { "TOKEN \($0) \(command)" } ?? command
    let reply = try DNSClient.admin(line, server: server)
    Console.print(reply)
    return reply.hasPrefix("OK") ? 0 : 1
}

/// The zone file the handout serves, from the repository root.
let exampleZone = "Handouts/examples/example.zone"

let adminOptions: [Option] = [
    .value("--server", "host", "The DNS server's address.", default: "127.0.0.1"),
    .value("--admin-port", "port", "The server's admin port.", default: "5354"),
    .value("--token", "token", "The admin token, if the server was started with --admin-token."),
]

let tool = CommandLineTool(
    name: "lab06-dns", abstract: "A DNS server and resolver on the RFC 1035 wire format.",
    subcommands: [
        Subcommand(
            name: "server", abstract: "Answer DNS queries over UDP and TCP; forward and cache the rest.",
            options: [
                .value("--host", "host", "Address to bind.", default: "127.0.0.1"),
                .value("--port", "port", "UDP and TCP port for DNS (0 picks one).", default: "5353"),
                .value("--admin-port", "port", "UDP port for the admin channel (0 picks one).", default: "5354"),
                .value("--upstream", "host:port|none", "Where to forward other names.", default: "none"),
                .value("--record", "name=ip", "A local name and its address (repeat for more).", repeatable: true),
                .value("--zone", "file", "A zone file of local records, such as Handouts/examples/example.zone."),
                .value("--ttl", "seconds", "TTL of --record and registered names.", default: "300"),
                .value("--admin-token", "token", "Accept admin commands from anywhere, with this token."),
                .value("--cache-size", "entries", "Most answers the cache keeps.", default: "10000"),
                .value("--timeout", "seconds", "Wait for each upstream attempt.", default: "1.5"),
            ]
        ) { arguments in
            var configuration = DNSServerConfiguration()
            configuration.host = arguments.string("--host") ?? "127.0.0.1"
            configuration.port = try arguments.port("--port") ?? 5353
            configuration.adminPort = try arguments.port("--admin-port") ?? 5354
            configuration.ttl = UInt32(try arguments.int("--ttl", in: 0...2_147_483_647) ?? 300)
            configuration.cacheSize = try arguments.int("--cache-size", in: 1...10_000_000) ?? 10_000
            configuration.upstreamTimeout = try arguments.double("--timeout", in: 0.01...60) ?? 1.5
            configuration.adminToken = arguments.string("--admin-token")
            let upstream = arguments.string("--upstream") ?? "none"
            if upstream != "none" {
                do {
                    configuration.upstream = try SocketAddress.parse(upstream, defaultPort: 53)
                } catch {
                    throw UsageError("--upstream: \(error) (write HOST:PORT or none)")
                }
            }
            for entry in arguments.strings("--record") {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let name = DNSName(parts[0]),
                    let record = ResourceRecord.address(name: name, ip: parts[1], ttl: configuration.ttl)
                else {
                    throw UsageError("--record '\(entry)' must be NAME=IP, such as app.netlab=127.0.0.1")
                }
                configuration.records.append(record)
            }
            if let path = arguments.string("--zone") {
                do throws(ZoneFileError) {
                    configuration.records += try ZoneFile.load(path: path, defaultTTL: configuration.ttl)
                } catch  where error.line == 0 {
                    throw UsageError("--zone: \(error.message); give the path of a zone file, such as \(exampleZone)")
                } catch {
                    // A mistake in the file is a mistake in what the command was given, as a
                    // missing file is: a usage error (exit 2) that says where it is.
                    throw UsageError("--zone: \(path) line \(error.line): \(error.message)")
                }
            }
            let server = DNSServer(configuration)
            try server.start()
            while true { sleep(seconds: 3600) }
        },
        Subcommand(
            name: "query", abstract: "Ask a DNS server one question and print the answer as dig does.",
            arguments: [Positional("NAME", "The name to look up.")],
            options: [
                .value("--type", "type", "A, AAAA, CNAME, MX, TXT, NS, SOA or ANY.", default: "A"),
                .value("--server", "host", "The DNS server's address.", default: "127.0.0.1"),
                .value("--port", "port", "The DNS server's port.", default: "5353"),
                .flag("--tcp", "Ask over TCP instead of UDP."),
                .value("--timeout", "seconds", "How long to wait for the answer.", default: "3"),
            ]
        ) { arguments in
            let name = try nameArgument(arguments.argument("NAME") ?? "")
            let typeText = arguments.string("--type") ?? "A"
            guard let type = DNSRecordType(name: typeText) else {
                throw UsageError("--type '\(typeText)' is not a record type (A, AAAA, CNAME, MX, TXT, NS, SOA)")
            }
            let server = try serverAddress(arguments, portOption: "--port")
            let timeout = try arguments.double("--timeout", in: 0.01...60) ?? 3
            Console.print("")
            Console.print(
                "; <<>> lab06-dns <<>> \(name) \(type) @\(server.ip) -p "
                    + "\(server.port)\(arguments.flag("--tcp") ? " +tcp" : "")"
            )
            do {
                let result = try DNSClient.query(
                    name, type: type, server: server, useTCP: arguments.flag("--tcp"), timeout: timeout)
                Console.print(DigFormatter.format(result))
                Console.print("")
                return 0
            } catch {
                Console.print(";; \(error)")
                return 1
            }
        },
        Subcommand(
            name: "register", abstract: "Point a name at an address through the server's admin channel.",
            arguments: [Positional("NAME", "The name to register."), Positional("IP", "Its IPv4 or IPv6 address.")],
            options: adminOptions
        ) { arguments in
            let name = try nameArgument(arguments.argument("NAME") ?? "")
            return try runAdmin("REGISTER \(name) \(arguments.argument("IP") ?? "")", arguments)
        },
        Subcommand(
            name: "unregister", abstract: "Remove a registered name through the admin channel.",
            arguments: [Positional("NAME", "The name to remove.")], options: adminOptions
        ) { arguments in
            let name = try nameArgument(arguments.argument("NAME") ?? "")
            return try runAdmin("UNREGISTER \(name)", arguments)
        },
        Subcommand(name: "list", abstract: "List the server's local records.", options: adminOptions) { arguments in
            try runAdmin("LIST", arguments)
        },
    ])
tool.run()
