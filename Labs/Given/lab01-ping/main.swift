// lab01-ping: the command-line face of lab 01. Argument parsing and wiring only: everything
// that matters lives in the Lab01Ping module you write.
import Lab01Ping
import NetLabKit

let hostOption = Option.value("--host", "host", "Address to listen on.", default: "127.0.0.1")

let server = Subcommand(
    name: "server", abstract: "Echo every ping back in capitals, optionally dropping or delaying some.",
    options: [
        hostOption,
        .value("--port", "port", "UDP port to listen on (0 picks a free one).", default: "12000"),
        .value("--loss", "fraction", "Fraction of pings to drop, 0.0 to 1.0.", default: "0.0"),
        .value("--delay-ms", "ms", "Milliseconds to wait before each reply.", default: "0"),
        .value("--seed", "n", "Seed for the loss decisions (same seed, same drops).", default: "1"),
    ]
) { args in
    let address = try args.address(host: args.string("--host")!, port: try args.port("--port")!)
    let configuration = PingServer.Configuration(
        address: address,
        loss: try args.double("--loss", in: 0...1)!,
        delay: try args.double("--delay-ms", in: 0...60_000)! / 1000,
        seed: UInt64(try args.int("--seed", in: 0...Int.max)!))
    let server = try PingServer(configuration: configuration)
    Console.announceListening(scheme: "udp", on: try server.boundAddress())
    try server.serve()
    return 0
}

let client = Subcommand(
    name: "client", abstract: "Send numbered pings and report RTTs and loss, like ping(8).",
    arguments: [Positional("HOST", "The server's name or address.")],
    options: [
        .value("--port", "port", "The server's UDP port.", default: "12000"),
        .value("--count", "n", "How many pings to send.", default: "10"),
        .value("--timeout", "seconds", "How long to wait for each reply.", default: "1.0"),
        .value("--interval", "seconds", "Time from one ping to the next.", default: "1.0"),
    ]
) { args in
    let host = args.argument("HOST")!
    let address = try args.address(host: host, port: try args.port("--port")!)
    let configuration = PingClient.Configuration(
        server: address,
        count: try args.int("--count", in: 1...1_000_000)!,
        timeout: try args.double("--timeout", in: 0.001...3600)!,
        interval: try args.double("--interval", in: 0...3600)!)
    Console.print("PING \(host) (\(address.ip)) port \(address.port): \(configuration.count) pings")
    let summary = try PingClient(configuration: configuration).run { event in
        if case .stray(let bytes, let from) = event {
            Console.error("ignored \(bytes) bytes from \(from): not a reply to our pings")
        } else if let line = try? PingReport.line(for: event) {
            Console.print(line)
        }
    }
    Console.print("")
    for line in try PingReport.summary(host: host, summary) { Console.print(line) }
    return summary.received > 0 ? 0 : 1
}

let heartbeatServer = Subcommand(
    name: "heartbeat-server", abstract: "Listen for heartbeats; report lost ones and silent clients.",
    options: [
        hostOption,
        .value("--port", "port", "UDP port to listen on (0 picks a free one).", default: "12001"),
        .value("--gone-after", "seconds", "Silence after which a client is declared gone.", default: "3.0"),
    ]
) { args in
    let address = try args.address(host: args.string("--host")!, port: try args.port("--port")!)
    let server = try HeartbeatServer(
        address: address, silenceLimit: try args.double("--gone-after", in: 0.01...86_400)!)
    Console.announceListening(scheme: "udp", on: try server.boundAddress())
    try server.serve { event in
        if let line = try? HeartbeatMonitor.line(for: event) { Console.print(line) }
    }
    return 0
}

let heartbeatClient = Subcommand(
    name: "heartbeat-client", abstract: "Send numbered heartbeats to a heartbeat server.",
    arguments: [Positional("HOST", "The server's name or address.")],
    options: [
        .value("--port", "port", "The server's UDP port.", default: "12001"),
        .value("--count", "n", "How many heartbeats to send.", default: "10"),
        .value("--interval", "seconds", "Time between heartbeats.", default: "1.0"),
        .value(
            "--skip", "seq", "Do not send this heartbeat (repeatable), to watch the server notice.", repeatable: true),
    ]
) { args in
    let address = try args.address(host: args.argument("HOST")!, port: try args.port("--port")!)
    var skipping: Set<Int> = []
    for text in args.strings("--skip") {
        guard let sequence = Int(text), sequence > 0 else {
            throw UsageError("--skip takes a heartbeat number, not '\(text)'")
        }
        skipping.insert(sequence)
    }
    let count = try args.int("--count", in: 1...1_000_000)!
    try sendHeartbeats(
        to: address, count: count, interval: try args.double("--interval", in: 0...3600)!, skipping: skipping)
    Console.print("sent \(count - skipping.filter { $0 <= count }.count) heartbeats to \(address)")
    return 0
}

CommandLineTool(
    name: "lab01-ping", abstract: "Lab 01: UDP ping and heartbeat, client and server.",
    subcommands: [server, client, heartbeatServer, heartbeatClient]
).run()
