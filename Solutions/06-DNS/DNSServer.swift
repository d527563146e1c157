import NetLabKit

// The server's sockets and loops are given, in `DNSServer+Sockets.swift`.
extension DNSServer {
    /// Answers one UDP query, from one of the server's UDP workers.
    ///
    /// A worker serves one datagram at a time: while it waits, nobody else is answered.
    /// So the one slow case, a query for the upstream, goes to a thread of its own.
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
            let started = forwarding.start { [self] in
                let answer = resolver.forward(decoded)
                try? socket.send(answer.encode(fittingIn: DNSResolver.udpLimit(for: answer)), to: client)
            }
            if !started {
                let failure = resolver.response(to: decoded, code: .serverFailure)
                try? socket.send(failure.encode(fittingIn: DNSResolver.udpLimit(for: failure)), to: client)
            }
        }
    }
}
