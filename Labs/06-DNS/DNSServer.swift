import NetLabKit
import Synchronization

/// How to run a server: `lab06-dns server`'s options.
public struct DNSServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// UDP and TCP port for DNS; 0 picks a free one (the same for both).
    public var port: UInt16 = 5353
    /// UDP port for the admin channel; 0 picks a free one, `nil` turns it off.
    public var adminPort: UInt16? = 5354
    /// Where to forward other names; `nil` (`--upstream none`) refuses them.
    public var upstream: SocketAddress?
    /// Local records (`--record` and the zone file).
    public var records: [ResourceRecord] = []
    /// TTL of `--record` and REGISTER names.
    public var ttl: UInt32 = 300
    public var adminToken: String?
    public var cacheSize: Int = 10_000
    /// Seconds to wait for each upstream attempt.
    public var upstreamTimeout: Double = 1.5
    /// The cache's clock.
    public var time: any TimeSource = SystemTime()
    /// Threads receiving UDP queries.
    public var workers: Int = 2
    /// Where diagnostics go.
    public var log: @Sendable (String) -> Void = { Console.error($0) }

    public init() {}
}

/// A DNS server: UDP and TCP on one port, plus the admin channel on its own UDP port.
///
/// ```swift
/// var configuration = DNSServerConfiguration()
/// configuration.port = 0
/// let server = try DNSServer(configuration)
/// let addresses = try server.start()      // prints the `listening on …` lines
/// defer { server.stop() }
/// ```
public final class DNSServer: Sendable {
    /// Where the server listens once started.
    public struct Addresses: Sendable {
        public let udp: SocketAddress
        public let tcp: SocketAddress
        public let admin: SocketAddress?
    }

    public let configuration: DNSServerConfiguration
    public let records: LocalRecords
    public let cache: DNSCache
    public let resolver: DNSResolver
    public let admin: AdminChannel
    private let sockets = Mutex<[Socket]>([])
    private let running = Atomic<Bool>(false)
    /// Forwarded queries and TCP connections in progress, each on a thread of its own.
    private let inFlight = Atomic<Int>(0)
    private let tcpConnections = Atomic<Int>(0)
    static let maximumInFlight = 256
    static let maximumTCPConnections = 64

    public init(_ configuration: DNSServerConfiguration) {
        self.configuration = configuration
        records = LocalRecords(defaultTTL: configuration.ttl, records: configuration.records)
        cache = DNSCache(capacity: configuration.cacheSize, time: configuration.time)
        let forwarder = configuration.upstream.map {
            Forwarder(upstream: $0, timeout: configuration.upstreamTimeout, log: configuration.log)
        }
        resolver = DNSResolver(local: records, cache: cache, forwarder: forwarder)
        admin = AdminChannel(records: records, token: configuration.adminToken)
    }

    /// Binds every socket, announces each one, and starts serving on background threads.
    ///
    /// - Parameter announce: called as each socket is bound (prints `listening on …`).
    /// - Returns: the bound addresses (with the real ports if you asked for port 0).
    @discardableResult
    public func start(
        announce: (String, SocketAddress, String?) -> Void = { Console.announceListening(scheme: $0, on: $1, role: $2) }
    ) throws -> Addresses {
        let host = try SocketAddress.resolve(host: configuration.host, port: configuration.port)
        let (udp, tcp) = try bindPair(host)
        let udpAddress = try udp.localAddress()
        let tcpAddress = try tcp.localAddress()
        running.store(true, ordering: .relaxed)
        var adminAddress: SocketAddress?
        var adminSocket: UDPSocket?
        if let adminPort = configuration.adminPort {
            var address = host
            address.port = adminPort
            let socket = try UDPSocket(bindingTo: address)
            adminSocket = socket
            adminAddress = try socket.localAddress()
        }
        sockets.withLock { $0 = [udp, tcp] + (adminSocket.map { [$0] } ?? []) }
        announce("udp", udpAddress, nil)
        announce("tcp", tcpAddress, nil)
        if let adminAddress { announce("udp", adminAddress, "admin") }
        for _ in 0..<max(1, configuration.workers) {
            startThread { [self] in serveUDP(udp) }
        }
        startThread { [self] in serveTCP(tcp) }
        if let adminSocket { startThread { [self] in serveAdmin(adminSocket) } }
        return Addresses(udp: udpAddress, tcp: tcpAddress, admin: adminAddress)
    }

    /// Closes every socket; the serving threads end.
    public func stop() {
        running.store(false, ordering: .relaxed)
        let open = sockets.withLock { list in
            defer { list = [] }
            return list
        }
        for socket in open { socket.close() }
    }

    /// Binds UDP and TCP to the same port. With port 0 the kernel picks the UDP port, and
    /// TCP may find it taken: then try again with another.
    private func bindPair(_ address: SocketAddress) throws -> (UDPSocket, TCPListener) {
        var lastError: SocketError?
        for _ in 0..<20 {
            let udp = try UDPSocket(bindingTo: address)
            var tcpAddress = address
            tcpAddress.port = try udp.localAddress().port
            do {
                return (udp, try TCPListener(bindingTo: tcpAddress))
            } catch {
                udp.close()
                lastError = error
                if address.port != 0 { break }
            }
        }
        throw lastError ?? SocketError.badAddress("cannot bind \(address)")
    }

    private var isRunning: Bool { running.load(ordering: .relaxed) }

    private func serveUDP(_ socket: UDPSocket) {
        // TODO: while `isRunning`: receive a datagram (`socket.receive(into:)`, a receive
        // error just means try again unless the server stopped), and give its bytes to
        // `resolver.handle`:
        //  - `.reply`: send it back, encoded with `encode(fittingIn: DNSResolver.udpLimit(for:))`.
        //  - `.drop`: log the reason with `configuration.log`.
        //  - `.forward`: the upstream may take seconds. Do NOT wait here, or every other
        //    client waits too: `startThread { … }` to run `resolver.forward` and send its
        //    answer. Count threads in `inFlight`; past `Self.maximumInFlight`, answer
        //    SERVFAIL at once instead.
        configuration.log("not implemented yet: DNSServer.serveUDP (your code goes here)")
    }

    private func serveTCP(_ listener: TCPListener) {
        while isRunning {
            guard let connection = try? listener.accept() else {
                if !isRunning { return }
                continue
            }
            if tcpConnections.add(1, ordering: .relaxed).newValue > Self.maximumTCPConnections {
                tcpConnections.subtract(1, ordering: .relaxed)
                connection.close()
                continue
            }
            startThread { [self] in
                serveConnection(connection)
                tcpConnections.subtract(1, ordering: .relaxed)
            }
        }
    }

    /// Answers framed queries on one connection until the client closes it, goes quiet for
    /// 10 seconds, or sends something that is not a query (RFC 7766 §6.2.3: a server may
    /// close a connection that sends garbage).
    private func serveConnection(_ connection: TCPSocket) {
        defer { connection.close() }
        try? connection.setReceiveTimeout(10)
        try? connection.setSendTimeout(10)
        while isRunning {
            guard let query = try? DNSFraming.readFrame(from: connection) else { return }
            guard let answer = resolver.respond(to: query, limit: 65_535) else {
                configuration.log("closing TCP connection from \(connection.peer): not a DNS query")
                return
            }
            do {
                try connection.sendAll(DNSFraming.frame(answer))
            } catch {
                return
            }
        }
    }

    private func serveAdmin(_ socket: UDPSocket) {
        while isRunning {
            guard let (datagram, sender) = try? socket.receive(maximumLength: 2048) else {
                if !isRunning { return }
                continue
            }
            let reply = admin.handle(datagram, from: sender)
            try? socket.send(Array(reply.utf8), to: sender)
        }
    }
}
