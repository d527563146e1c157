import NetLabKit

// The server's sockets and loops are given, in `DNSServer+Sockets.swift`.
extension DNSServer {
    /// Part 3: answers one UDP query, from one of the server's UDP workers.
    ///
    /// - Parameters:
    ///   - query: the datagram as it arrived.
    ///   - client: who sent it; the answer goes back there.
    ///   - socket: the server's DNS socket, to send the answer from.
    func serveDatagram(_ query: [UInt8], from client: SocketAddress, on socket: UDPSocket) {
        switch resolver.handle(query) {
        case .reply(let message):
            try? socket.send(message.encode(fittingIn: DNSResolver.udpLimit(for: message)), to: client)
        case .drop(let reason):
            configuration.log("dropped a datagram from \(client): \(reason)")
        case .forward(let decoded):
            serveForwarded(decoded, to: client, on: socket)
        }
    }
}
