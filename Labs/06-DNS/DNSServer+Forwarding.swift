import NetLabKit

// The server's sockets and loops are given, in `DNSServer+Sockets.swift`.
extension DNSServer {
    /// Part 5: forwards one UDP query without holding up the worker that received it.
    ///
    /// A worker serves one datagram at a time: while it waits, nobody else is answered. The
    /// upstream may take seconds, so the query goes to a thread of its own.
    ///
    /// - Parameters:
    ///   - query: the decoded query that `handle` said to forward.
    ///   - client: who asked; the answer goes back there.
    ///   - socket: the server's DNS socket, to send the answer from.
    func serveForwarded(_ query: DNSMessage, to client: SocketAddress, on socket: UDPSocket) {
        // TODO: do NOT wait here (nor call `resolver.respond`, which forwards on this
        // thread), or every other client waits too. `forwarding.start { … }` runs its body
        // on a thread of its own: there, `resolver.forward(query)` and send its answer to
        // `client` (encoded with `encode(fittingIn: DNSResolver.udpLimit(for:))`). If
        // `start` returns false (256 already waiting), answer SERVFAIL at once
        // (`resolver.response(to:code:)`).
        // The stand-in below answers SERVFAIL at once.
        configuration.log("not implemented yet: DNSServer.serveForwarded answers SERVFAIL")
        let failure = resolver.response(to: query, code: .serverFailure)
        try? socket.send(failure.encode(fittingIn: DNSResolver.udpLimit(for: failure)), to: client)
    }
}
