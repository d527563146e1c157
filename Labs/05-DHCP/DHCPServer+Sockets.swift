import NetLabKit

/// The server's socket loop (given): receive a datagram, decode it, answer it, send the
/// answer back where the request came from (or broadcast it, in LAN mode).
extension DHCPServer {
    /// Binds the socket, announces it, and serves on a thread of its own.
    ///
    /// - Parameter announce: called once the socket is bound (prints `listening on …`).
    /// - Returns: the bound address (with the real port if you asked for port 0).
    @discardableResult
    public func start(
        announce: (SocketAddress) -> Void = { Console.announceListening(scheme: "udp", on: $0) }
    ) throws -> SocketAddress {
        let host = configuration.broadcast ? "0.0.0.0" : configuration.host
        // LAN mode listens on every interface unless `--interface` names one: then it hears
        // only that one, and its broadcasts leave by it.
        let socket = try DHCPSocket.open(
            SocketAddress.resolve(host: host, port: configuration.port), broadcast: configuration.broadcast,
            interface: configuration.interface)
        try socket.setReceiveTimeout(0.2)
        let address = try socket.localAddress()
        self.socket.withLock { $0 = socket }
        running.store(true, ordering: .relaxed)
        finished.store(false, ordering: .relaxed)
        announce(address)
        startThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while running.load(ordering: .relaxed) {
                guard let (count, sender) = try? socket.receive(into: &buffer) else { continue }
                serve(Array(buffer[..<count]), from: sender, on: socket)
            }
            finished.store(true, ordering: .releasing)
        }
        return address
    }

    /// Stops serving and closes the socket.
    public func stop() {
        running.store(false, ordering: .relaxed)
        while !finished.load(ordering: .acquiring) { sleep(seconds: 0.01) }
        socket.withLock { socket in
            socket?.close()
            socket = nil
        }
    }

    /// Answers one datagram. Bad input is logged and dropped, never a crash.
    func serve(_ datagram: [UInt8], from sender: SocketAddress, on socket: UDPSocket) {
        let request: DHCPMessage
        do {
            request = try DHCPMessage.decode(datagram)
        } catch {
            log("dropped \(datagram.count) bytes from \(sender): \(error)")
            return
        }
        guard let reply = handle(request) else { return }
        do {
            try socket.send(reply.encode(), to: destination(of: reply, for: request, from: sender))
        } catch {
            log("could not send to \(sender): \(error)")
        }
    }

    /// Where a reply goes: back to the sender, as a loopback lab wants; in LAN mode to the
    /// client's address if it has one, else broadcast (RFC 2131 §4.1).
    func destination(
        of reply: DHCPMessage, for request: DHCPMessage, from sender: SocketAddress
    ) throws
        -> SocketAddress
    {
        guard configuration.broadcast else { return sender }
        if reply.messageType != .nak, request.ciaddr != .zero {
            return try SocketAddress(ip: request.ciaddr.description, port: configuration.clientPort)
        }
        return try SocketAddress(ip: "255.255.255.255", port: configuration.clientPort)
    }
}

/// Opening a DHCP socket (given): in LAN mode with SO_BROADCAST, tied to one interface if asked.
enum DHCPSocket {
    /// Opens a UDP socket, ties it to `interface` (`SO_BINDTODEVICE`) before binding it, so that
    /// a server per interface can each have port 67, then binds it to `address`.
    ///
    /// - Throws: `DHCPSocketError` naming the interface when it cannot be used, `SocketError` otherwise.
    static func open(_ address: SocketAddress, broadcast: Bool, interface: String?) throws -> UDPSocket {
        let socket = try UDPSocket(family: address.family)
        if let interface {
            do {
                try socket.bind(toInterface: interface)
            } catch {
                throw DHCPSocketError(interface: interface, reason: error)
            }
        }
        if broadcast { try socket.setBroadcast() }
        try socket.bind(to: address)
        return socket
    }
}

/// `--interface IF` names an interface this socket cannot be tied to.
public struct DHCPSocketError: Error, CustomStringConvertible {
    public let interface: String
    public let reason: SocketError

    public var description: String {
        "cannot use interface '\(interface)' (SO_BINDTODEVICE): \(reason) (see 'ip link'; it needs root)"
    }
}
