// lab03-proxy: a caching HTTP forward proxy on lab 02's server.
//
//   lab03-proxy server --port 8888                    then: curl -x http://127.0.0.1:8888 http://…
//   lab03-proxy server --port 0 --access-log -        squid-style log lines on stderr
//
// Argument parsing and wiring only: the logic lives in the Lab03Proxy module.
import Lab02HTTP
import Lab03Proxy
import NetLabKit

CommandLineTool(
    name: "lab03-proxy", abstract: "A caching HTTP forward proxy: LRU cache, conditional GET, CONNECT tunnel.",
    subcommands: [
        Subcommand(
            name: "server", abstract: "Run the proxy.",
            options: [
                .value("--host", "host", "Address to bind (0.0.0.0 for the whole network).", default: "127.0.0.1"),
                .value("--port", "port", "Port to bind (0 picks a free one).", default: "8888"),
                .value("--threads", "n", "Worker threads (each serves one client connection).", default: "16"),
                .value("--cache-bytes", "n", "Total bytes the cache may hold.", default: "1048576"),
                .value(
                    "--max-object", "n", "Largest body the cache keeps; larger ones stream through.",
                    default: "102400"),
                .value("--timeout", "seconds", "Give up on a silent origin after this long (504).", default: "5"),
                .value("--connect-ports", "ports", "Ports CONNECT may reach, comma-separated.", default: "443"),
                .value("--access-log", "file", "Append squid-style log lines here ('-' for stderr)."),
            ]
        ) { args in
            var configuration = ProxyConfiguration()
            let host = args.string("--host")!
            configuration.server.host = host
            configuration.server.port = try args.port("--port")!
            configuration.server.threads = try args.int("--threads", in: 1...1_024)!
            configuration.server.queueCapacity = max(64, configuration.server.threads * 4)
            configuration.cacheBytes = try args.int("--cache-bytes", in: 0...(1 << 40))!
            configuration.maxObject = try args.int("--max-object", in: 0...(1 << 40))!
            configuration.timeout = try args.double("--timeout", in: 0.01...86_400)!
            var ports: Set<UInt16> = []
            for item in args.string("--connect-ports")!.split(separator: ",") {
                guard let port = UInt16(item), port > 0 else {
                    throw UsageError("--connect-ports: '\(item)' is not a port (1-65535)")
                }
                ports.insert(port)
            }
            configuration.connectPorts = ports
            _ = try args.address(host: host, port: configuration.server.port)
            if let path = args.string("--access-log") {
                configuration.accessLog = path == "-" ? OpenFile.standardError : try OpenFile(path, for: .appending)
            }
            let server = try HTTPServer(
                configuration: configuration.server, handler: ProxyHandler(configuration: configuration))
            let address = try server.start()
            Console.announceListening(scheme: "tcp", on: address)
            server.waitUntilStopped()
            return 0
        }
    ]
).run()
