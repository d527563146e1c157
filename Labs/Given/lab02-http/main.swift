// lab02-http: a multithreaded HTTP/1.1 static file server, and a small client.
//
//   lab02-http server --root site --port 8080      serve a folder
//   lab02-http get http://127.0.0.1:8080/ -o page  fetch a URL
//   lab02-http head http://127.0.0.1:8080/         only the status line and headers
//
// Argument parsing and wiring only: the logic lives in the Lab02HTTP module.
import Lab02HTTP
import NetLabKit

@Sendable func fetch(_ args: ParsedArguments, method: String) throws -> Int32 {
    let url = args.argument("URL")!
    do {
        _ = try HTTPURL.parse(url)
    } catch {
        throw UsageError("\(error)")
    }
    let sink = try args.string("-o").map { try ByteSink(path: $0) } ?? ByteSink()
    let response = try HTTPClient.fetch(url, method: method) { try sink.write($0) }
    Console.error("\(response.version) \(response.status) \(response.reason)")
    for field in response.headers { Console.error("\(field.name): \(field.value)") }
    return 0
}

CommandLineTool(
    name: "lab02-http", abstract: "A multithreaded HTTP/1.1 static file server, and a small client.",
    subcommands: [
        Subcommand(
            name: "server", abstract: "Serve a folder over HTTP/1.1 with a pool of worker threads.",
            options: [
                .value("--host", "host", "Address to bind (0.0.0.0 for the whole network).", default: "127.0.0.1"),
                .value("--port", "port", "Port to bind (0 picks a free one).", default: "8080"),
                .value("--root", "dir", "Folder to serve.", default: "."),
                .value("--threads", "n", "Worker threads.", default: "8"),
                .value("--queue", "n", "Connections that may wait for a worker before 503.", default: "64"),
                .value("--access-log", "file", "Append Common Log Format lines here ('-' for stderr)."),
                .value("--idle-timeout", "seconds", "Close a connection silent this long.", default: "5"),
                .value("--header-timeout", "seconds", "Answer 408 to a request not complete this long.", default: "10"),
            ]
        ) { args in
            let host = args.string("--host")!
            var configuration = ServerConfiguration(root: args.string("--root")!)
            configuration.host = host
            configuration.port = try args.port("--port")!
            configuration.threads = try args.int("--threads", in: 1...1_024)!
            configuration.queueCapacity = try args.int("--queue", in: 1...100_000)!
            configuration.idleTimeout = try args.double("--idle-timeout", in: 0.01...86_400)!
            configuration.headerTimeout = try args.double("--header-timeout", in: 0.01...86_400)!
            _ = try args.address(host: host, port: configuration.port)
            if let path = args.string("--access-log") {
                configuration.accessLog = path == "-" ? AccessLog.standardError() : try AccessLog.file(path)
            }
            let server: HTTPServer
            do {
                let root = try StaticRoot(path: configuration.root)
                server = try HTTPServer(configuration: configuration, handler: StaticFileHandler(root: root))
            } catch let error as StaticRoot.RootError {
                throw UsageError("--root: \(error.description)")
            }
            let address = try server.start()
            Console.announceListening(scheme: "tcp", on: address)
            server.waitUntilStopped()
            return 0
        },
        Subcommand(
            name: "get", abstract: "Fetch a URL: headers to stderr, body to stdout or a file.",
            arguments: [Positional("URL", "An http:// URL.")],
            options: [.value("-o", "file", "Write the body to this file instead of stdout.")]
        ) { args in try fetch(args, method: "GET") },
        Subcommand(
            name: "head", abstract: "Send HEAD for a URL: the status line and headers, to stderr.",
            arguments: [Positional("URL", "An http:// URL.")]
        ) { args in try fetch(args, method: "HEAD") },
    ]
).run()
