import Lab02HTTP
import Lab08RUDP
import NetLabChannel
import NetLabKit

/// The app server: one `AppHandler`, reachable two ways. Given code.
///
/// - over TCP, with lab 02's `HTTPServer` (thread pool, keep-alive, Range…);
/// - over RUDP, with lab 08's `RUDPListener`: each accepted connection carries one
///   HTTP/1.1 exchange (`RUDPHTTP.serve`, part 3), on a thread of its own.
///
/// With a DNS admin address it registers its name at start (`DNSRegistration`, part 2) and
/// unregisters it in `stop()`. A DNS server that does not answer is reported; the app
/// still serves.
public final class AppServer: Sendable {
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        public var httpPort: UInt16 = 8080
        public var rudpPort: UInt16 = 8081
        public var root = "Handouts/examples/my-app"
        /// Lab 06's admin channel, or `nil` to register nowhere.
        public var dnsAdmin: SocketAddress?
        public var domain = "my-app.home"
        /// The address to register (default: `host`).
        public var registerAs: String?
        /// What the RUDP listener's channel does to its traffic (tests and demos).
        public var rudpFaults = Faults.none
        public var rudpOptions = TransportOptions()
        /// Seconds to wait for the DNS server's answer.
        public var dnsTimeout = 2.0
        public init() {}
    }

    public let configuration: Configuration
    public let handler: AppHandler
    let http: HTTPServer
    let rudp: RUDPListener
    let log: @Sendable (String) -> Void

    /// Binds both sockets (nothing is served until `start`).
    ///
    /// - Throws: `StaticRoot.RootError` for a bad `root`, `SocketError` if a port is taken.
    public init(
        _ configuration: Configuration, log: @escaping @Sendable (String) -> Void = { Console.error($0) }
    ) throws {
        self.configuration = configuration
        self.log = log
        handler = try AppHandler(root: configuration.root)
        var server = ServerConfiguration(root: configuration.root)
        server.host = configuration.host
        server.port = configuration.httpPort
        server.serverName = "lab09-capstone"
        // Each HTTP request over TCP in Common Log Format, on stderr, like lab 02's server;
        // the RUDP ones get a line each too (`acceptRUDP`).
        server.accessLog = AccessLog.standardError()
        http = try HTTPServer(configuration: server, handler: handler)
        rudp = try RUDPListener(
            bindingTo: try SocketAddress.resolve(host: configuration.host, port: configuration.rudpPort),
            faults: configuration.rudpFaults, options: configuration.rudpOptions)
    }

    /// The name and address this server registers.
    public var registration: (name: String, ip: String) {
        (configuration.domain, configuration.registerAs ?? configuration.host)
    }

    /// Starts serving over TCP and RUDP, announcing each socket, then registers the name.
    ///
    /// - Parameter announce: called with `tcp`/`udp` and each bound address.
    /// - Returns: the TCP and RUDP addresses.
    @discardableResult
    public func start(
        announce: (String, SocketAddress) -> Void = { Console.announceListening(scheme: $0, on: $1) }
    ) throws -> (http: SocketAddress, rudp: SocketAddress) {
        let httpAddress = try http.start()
        announce("tcp", httpAddress)
        announce("udp", rudp.localAddress)
        startThread { [self] in acceptRUDP() }
        if let admin = configuration.dnsAdmin {
            let (name, ip) = registration
            do {
                try DNSRegistration.register(name, ip: ip, admin: admin, timeout: configuration.dnsTimeout)
                Console.print("registered \(name) A \(ip) with \(admin)")
            } catch {
                log("warning: dns: \(error); serving anyway, but clients cannot find \(name) by DNS")
            }
        }
        return (httpAddress, rudp.localAddress)
    }

    /// Unregisters the name (if it was given a DNS server) and stops both transports.
    public func stop() {
        if let admin = configuration.dnsAdmin {
            let name = registration.name
            do {
                try DNSRegistration.unregister(name, admin: admin, timeout: configuration.dnsTimeout)
                Console.print("unregistered \(name) from \(admin)")
            } catch {
                log("warning: dns: \(error)")
            }
        }
        rudp.close()
        http.stop()
    }

    func acceptRUDP() {
        while true {
            let connection: RUDPConnection
            do { connection = try rudp.accept() } catch RUDPError.timedOut { continue } catch { return }
            startThread { [handler, log] in
                do {
                    if let (method, target, status) = try RUDPHTTP.serve(connection, with: handler) {
                        log("\(connection.peer.ip) rudp \"\(method) \(target)\" \(status)")
                    }
                } catch {
                    log("rudp \(connection.peer): \(error)")
                }
            }
        }
    }
}
