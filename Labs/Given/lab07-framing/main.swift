// lab07-framing: a FETCH relay on two TCP framings, and a session protocol with step and burst modes.
//
//   lab07-framing relay [--host 127.0.0.1] [--port 2121] [--allow HOST[:PORT] …] [--max-bytes N] [--timeout S]
//   lab07-framing fetch URL --relay HOST:PORT -o FILE [--framing ascii|binary]
//   lab07-framing session-server [--host 127.0.0.1] [--port 2323] [--max-packet 1024] [--window 8]
//                                [--ack-delay-ms 0] [--keepalive S] [--dir DIR]
//   lab07-framing session-client --server HOST:PORT --mode step|burst [--window N] [--max-packet N]
//                                (--send FILE | --messages N) [--client-id ID]
import Lab07Framing
import NetLabKit

let relay = Subcommand(
    name: "relay", abstract: "Fetch http:// URLs for clients, over 10-byte ASCII or 4-byte binary framing.",
    options: [
        .value("--host", "address", "Address to bind.", default: "127.0.0.1"),
        .value("--port", "port", "TCP port to bind (0 picks one).", default: "2121"),
        .value("--allow", "host[:port]", "A host the relay may fetch from (default: loopback only).", repeatable: true),
        .value("--max-bytes", "n", "Largest body passed on.", default: "100000000"),
        .value("--timeout", "seconds", "Longest a whole download may take.", default: "30"),
    ]
) { arguments in
    let address = try arguments.address(host: arguments.string("--host")!, port: try arguments.port("--port")!)
    var policy = RelayPolicy()
    for text in arguments.strings("--allow") {
        guard let host = AllowedHost(text) else { throw UsageError("--allow: '\(text)' is not HOST or HOST:PORT") }
        policy.allowed.append(host)
    }
    policy.maximumBytes = try arguments.int("--max-bytes", in: 0...Int.max)!
    policy.timeout = try arguments.double("--timeout", in: 0.001...86_400)!
    let server = try Relay(bindingTo: address, policy: policy)
    Console.announceListening(scheme: "tcp", on: server.localAddress)
    server.run()
    return 0
}

let fetch = Subcommand(
    name: "fetch", abstract: "Download a URL through a relay; save it only if it arrived whole.",
    arguments: [Positional("URL", "An http:// URL.")],
    options: [
        .value("--relay", "host:port", "The relay's address."),
        .value("-o", "file", "Where to save the body."),
        .value("--framing", "ascii|binary", "Which length header to use.", default: "binary"),
    ]
) { arguments in
    guard let relayText = arguments.string("--relay") else { throw UsageError("missing --relay HOST:PORT") }
    guard let output = arguments.string("-o") else { throw UsageError("missing -o FILE (where to save it)") }
    guard let framing = Framing(rawValue: arguments.string("--framing")!) else {
        throw UsageError("--framing must be ascii or binary")
    }
    let address: SocketAddress
    do { address = try SocketAddress.parse(relayText) } catch { throw UsageError("--relay: \(error)") }
    let url = arguments.argument("URL")!
    // The body goes to a temporary file as it arrives; only a complete one is renamed to
    // `output`. On any error the temporary file is deleted and `output` is left alone.
    let summary = try FileSystem.writeAtomically(to: output) { file in
        try RelayClient.fetch(url, through: address, framing: framing) { try file.write($0) }
    }
    Console.print("saved \(output): \(summary.length) bytes (\(summary.contentType))")
    return 0
}

let sessionServer = Subcommand(
    name: "session-server", abstract: "Accept sessions, acknowledge their messages, save what they send.",
    options: [
        .value("--host", "address", "Address to bind.", default: "127.0.0.1"),
        .value("--port", "port", "TCP port to bind (0 picks one).", default: "2323"),
        .value("--max-packet", "bytes", "Largest DATA payload accepted.", default: "1024"),
        .value("--window", "n", "Most unacknowledged messages in burst mode.", default: "8"),
        .value("--ack-delay-ms", "ms", "Hold each ACK back this long.", default: "0"),
        .value(
            "--keepalive", "seconds", "Idle time before a KEEPALIVE; 3 silent intervals end a session.", default: "5"),
        .value("--dir", "dir", "Save each session's data here, in a file named by its session ID."),
    ]
) { arguments in
    let address = try arguments.address(host: arguments.string("--host")!, port: try arguments.port("--port")!)
    var options = SessionServerOptions()
    options.maximumPacket = try arguments.int("--max-packet", in: 16...1_048_576)!
    options.window = try arguments.int("--window", in: 1...65_535)!
    options.ackDelay = Double(try arguments.int("--ack-delay-ms", in: 0...60_000)!) / 1_000
    options.keepAlive = try arguments.double("--keepalive", in: 0.01...3_600)!
    if let directory = arguments.string("--dir") {
        guard FileSystem.isDirectory(directory) else { throw UsageError("--dir: '\(directory)' is not a folder") }
        options.directory = directory
    }
    let server = try SessionServer(bindingTo: address, options: options)
    Console.announceListening(scheme: "tcp", on: server.localAddress)
    server.run()
    return 0
}

let sessionClient = Subcommand(
    name: "session-client", abstract: "Open a session and send a file or N messages, step by step or in bursts.",
    options: [
        .value("--server", "host:port", "The session server's address."),
        .value("--mode", "step|burst", "Wait for each ACK, or keep a window of messages in flight."),
        .value("--window", "n", "The window to ask for in burst mode.", default: "8"),
        .value("--max-packet", "bytes", "The packet size to ask for.", default: "1024"),
        .value("--send", "file", "Send this file."),
        .value("--messages", "n", "Send N messages of the negotiated packet size."),
        .value("--client-id", "id", "A name the server logs.", default: ""),
    ]
) { arguments in
    guard let serverText = arguments.string("--server") else { throw UsageError("missing --server HOST:PORT") }
    guard let modeText = arguments.string("--mode") else { throw UsageError("missing --mode step|burst") }
    let mode: SessionMode
    switch modeText {
    case "step": mode = .step
    case "burst": mode = .burst
    default: throw UsageError("--mode must be step or burst, not '\(modeText)'")
    }
    let file = arguments.string("--send")
    let count = try arguments.int("--messages", in: 0...100_000_000)
    guard (file == nil) != (count == nil) else { throw UsageError("give one of --send FILE or --messages N") }
    let address: SocketAddress
    do { address = try SocketAddress.parse(serverText) } catch { throw UsageError("--server: \(error)") }
    var options = SessionClientOptions(mode: mode)
    options.window = try arguments.int("--window", in: 1...65_535)!
    options.maximumPacket = try arguments.int("--max-packet", in: 1...1_048_576)!
    options.clientID = arguments.string("--client-id")!
    let contents = try file.map { try FileSystem.readAll($0) }
    let client = try SessionClient.connect(to: address, options: options)
    Console.print(client.summary)
    let size = client.parameters.maximumPacket
    let report: TransferReport
    if let contents {
        report = try client.send(
            stride(from: 0, to: contents.count, by: size).lazy.map {
                Array(contents[$0..<min($0 + size, contents.count)])
            })
    } else {
        let message = (0..<size).map { UInt8(truncatingIfNeeded: $0) }
        report = try client.send((0..<count!).lazy.map { _ in message })
    }
    let acknowledged = try client.disconnect()
    let megabytes = report.throughput / 1_000_000
    Console.print(
        "sent \(report.messages) messages, \(report.bytes) bytes in \(rounded(report.seconds, 3)) s: "
            + "\(rounded(megabytes, 2)) MB/s, \(report.resent) resent")
    Console.print("crc32 \(hex8(report.crc))")
    Console.print(acknowledged ? "disconnected" : "disconnected (the server did not acknowledge in time)")
    return 0
}

let framingBench = Subcommand(
    name: "framing-bench", abstract: "Measure framed vs raw TCP throughput on loopback, in one process (make bench).",
    options: [
        .value("--size", "bytes", "Payload bytes per frame.", default: "65536"),
        .value("--total", "bytes", "Bytes to send in all.", default: "200000000"),
        .value("--framing", "ascii|binary|raw", "Frames, or raw TCP writes of the same sizes.", default: "binary"),
    ]
) { arguments in
    let size = try arguments.int("--size", in: 1...1_048_576)!
    let count = max(1, try arguments.int("--total", in: 1...Int.max)! / size)
    let mode = arguments.string("--framing")!
    let framing = Framing(rawValue: mode)
    guard framing != nil || mode == "raw" else { throw UsageError("--framing must be ascii, binary or raw") }
    let listener = try TCPListener(bindingTo: try SocketAddress(ip: "127.0.0.1", port: 0))
    let sender = try TCPSocket(connectingTo: try listener.localAddress())
    let receiver = try listener.accept()
    try receiver.setReceiveTimeout(30)
    let payload = [UInt8](repeating: 0x5A, count: size)
    let start = SystemTime().now()
    startThread {
        if let framing {
            let connection = FrameConnection(stream: sender, codec: FrameCodec(framing))
            for _ in 0..<count { try? connection.writeFrame(payload) }
        } else {
            for _ in 0..<count { try? sender.sendAll(payload) }
        }
        try? sender.shutdownWrite()
    }
    var received = 0
    if let framing {
        let connection = FrameConnection(stream: receiver, codec: FrameCodec(framing))
        while let frame = try connection.readFrame() { received += frame.count }
    } else {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while case let got = try receiver.receive(into: &buffer), got > 0 { received += got }
    }
    let seconds = SystemTime().now() - start
    guard received == size * count else { throw UsageError("received \(received) of \(size * count) bytes") }
    Console.print(
        "\(mode) \(size)-byte messages: \(received) bytes in \(rounded(seconds, 3)) s: "
            + "\(rounded(Double(received) / seconds / 1_000_000, 1)) MB/s")
    return 0
}

/// `value` rounded to `digits` decimals, as text.
func rounded(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return "\((value * scale).rounded() / scale)"
}

func hex8(_ value: UInt32) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: 8 - text.count) + text
}

CommandLineTool(
    name: "lab07-framing", abstract: "TCP framing, a FETCH relay and a session protocol (lab 07).",
    subcommands: [relay, fetch, sessionServer, sessionClient, framingBench]
).run()
