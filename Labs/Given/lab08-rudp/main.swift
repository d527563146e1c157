// lab08-rudp: a file server and client on the reliable transport you build in lab 08.
//
//   lab08-rudp server --root DIR [--host 127.0.0.1] [--port 2122] [channel flags]
//   lab08-rudp get NAME --server HOST:PORT -o FILE [--trace FILE.csv] [--plot FILE.svg] [channel flags]
//
// Channel flags (--loss, --burst, --corrupt, --duplicate, --delay-ms, --jitter-ms, --rate,
// --seed, --pcap) make this program's own traffic misbehave, in both directions.
import Lab08RUDP
import NetLabChannel
import NetLabKit

let transportOptions: [Option] = [
    .value(
        "--mss", "bytes",
        "Largest payload per segment (default: \(TransportOptions.loopbackSegmentSize) to a loopback address, 1400 "
            + "elsewhere)."
    )
]

func transport(_ arguments: ParsedArguments) throws -> TransportOptions {
    var options = TransportOptions()
    if let mss = try arguments.int("--mss", in: 64...65_000) { options.maximumSegmentSize = mss }
    return options
}

/// Reads the channel flags and says which seed they use, so a run can be replayed.
func channelFaults(_ arguments: ParsedArguments) throws -> Faults {
    let faults = try Faults(arguments: arguments)
    if !faults.isPerfect { Console.error("channel: \(faults)") }
    return faults
}

let server = Subcommand(
    name: "server", abstract: "Serve the files in a folder over RUDP.",
    options: [
        .value("--host", "address", "Address to bind.", default: "127.0.0.1"),
        .value("--port", "port", "UDP port to bind (0 picks one).", default: "2122"),
        .value("--root", "dir", "Folder whose files are served.", default: "."),
    ] + transportOptions + Faults.commandLineOptions
) { arguments in
    let address = try arguments.address(host: arguments.string("--host")!, port: try arguments.port("--port")!)
    var options = try transport(arguments)
    options.recordsTrace = true
    let faults = try channelFaults(arguments)
    let listener = try RUDPListener(bindingTo: address, faults: faults, options: options)
    let fileServer = try FileServer(listener: listener, root: arguments.string("--root")!)
    Console.announceListening(scheme: "udp", on: listener.localAddress)
    try fileServer.run()
    return 0
}

let get = Subcommand(
    name: "get", abstract: "Fetch a file from an RUDP file server.",
    arguments: [Positional("NAME", "The file's name on the server.")],
    options: [
        .value("--server", "host:port", "The server's address."),
        .value("-o", "file", "Where to save the file."),
        .value("--trace", "file.csv", "Write the server's cwnd, ssthresh and RTO over time as CSV."),
        .value("--plot", "file.svg", "Draw the server's cwnd and ssthresh over time as SVG."),
    ] + transportOptions + Faults.commandLineOptions
) { arguments in
    guard let serverText = arguments.string("--server") else { throw UsageError("missing --server HOST:PORT") }
    guard let output = arguments.string("-o") else { throw UsageError("missing -o FILE (where to save it)") }
    let address: SocketAddress
    do { address = try SocketAddress.parse(serverText) } catch { throw UsageError("--server: \(error)") }
    let name = arguments.argument("NAME")!
    let tracePath = arguments.string("--trace")
    let plotPath = arguments.string("--plot")
    // The file is saved the moment its last byte arrives, whatever happens to the goodbyes
    // after it. LocalFile.write renames a finished copy into place: never half a file.
    let (_, report) = try FileClient.fetch(
        name, from: address, faults: try channelFaults(arguments), options: try transport(arguments),
        withTrace: tracePath != nil || plotPath != nil, whenComplete: { try LocalFile.write($0, to: output) })
    if let tracePath {
        let recorder = report.trace.map { "\($0.time),\($0.cwnd),\($0.ssthresh),\($0.rto),\($0.event)" }
        try LocalFile.write(
            Array((["time,cwnd,ssthresh,rto,event"] + recorder).joined(separator: "\n").utf8 + [10]), to: tracePath)
    }
    if let plotPath {
        try LocalFile.write(Array(TracePlot.svg(report.trace, title: "\(name) from \(address)").utf8), to: plotPath)
    }
    let megabytes = report.goodput / 1_000_000
    var statistics = "the server's statistics did not arrive"
    if let retransmissions = report.retransmissions, let window = report.finalWindow {
        statistics = "\(retransmissions) retransmissions, final cwnd \(rounded(window, 1))"
    }
    Console.print(
        "received \(name): \(report.bytes) bytes in \(rounded(report.seconds, 3)) s (\(rounded(megabytes, 2)) MB/s), "
            + statistics)
    return 0
}

/// `value` rounded to `digits` decimals, as text.
func rounded(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let text = "\((value * scale).rounded() / scale)"
    return text
}

CommandLineTool(
    name: "lab08-rudp", abstract: "Reliable file transfer over UDP (lab 08).", subcommands: [server, get]
).run()
