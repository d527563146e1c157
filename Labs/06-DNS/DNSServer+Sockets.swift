import NetLabKit
import Synchronization

/// A DNS server: UDP and TCP on one port, plus the admin channel on its own UDP port.
///
/// This file is given: it binds the sockets and runs the receive loops. What the server
/// does with each UDP query is `serveDatagram`, in `DNSServer.swift`, and `serveForwarded`, in
/// `DNSServer+Forwarding.swift`: you write them.
///
/// ```swift
/// var configuration = DNSServerConfiguration()
/// configuration.port = 0
/// let server = DNSServer(configuration)
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
    /// Forwarded queries in progress, each on a thread of its own (`serveForwarded` uses it).
    let forwarding = ThreadBudget(limit: 256)
    /// TCP connections in progress, each on a thread of its own.
    let connections = ThreadBudget(limit: 64)
    private let sockets = Mutex<[Socket]>([])
    private let running = Atomic<Bool>(false)

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

    /// False once `stop` was called: the serving loops end.
    var isRunning: Bool { running.load(ordering: .relaxed) }

    /// Receives datagrams on `socket` until the server stops, and hands each one, with its
    /// sender, to `body`. A failed receive (a signal, a bad datagram) is simply retried.
    private func receiveDatagrams(
        on socket: UDPSocket, maximumLength: Int, _ body: (_ datagram: [UInt8], _ sender: SocketAddress) -> Void
    ) {
        var buffer = [UInt8](repeating: 0, count: maximumLength)
        while isRunning {
            let count: Int
            let sender: SocketAddress
            do {
                (count, sender) = try socket.receive(into: &buffer)
            } catch {
                if !isRunning { return }
                continue
            }
            body(Array(buffer[0..<count]), sender)
        }
    }

    /// One of the UDP workers: each query goes to `serveDatagram`, which you write.
    private func serveUDP(_ socket: UDPSocket) {
        receiveDatagrams(on: socket, maximumLength: 65_535) { query, client in
            serveDatagram(query, from: client, on: socket)
        }
    }

    private func serveTCP(_ listener: TCPListener) {
        while isRunning {
            guard let connection = try? listener.accept() else {
                if !isRunning { return }
                continue
            }
            // Past 64 connections, close new ones at once: the client may retry later.
            if !connections.start({ [self] in serveConnection(connection) }) { connection.close() }
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
        receiveDatagrams(on: socket, maximumLength: 2048) { datagram, sender in
            let reply = admin.handle(datagram, from: sender)
            try? socket.send(Array(reply.utf8), to: sender)
        }
    }
}
