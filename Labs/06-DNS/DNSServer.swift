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
        // TODO: give the bytes to `resolver.handle`, and act on its `Outcome`:
        //  - `.reply`: send it to `client`, encoded with `encode(fittingIn: DNSResolver.udpLimit(for:))`.
        //  - `.drop`: send nothing; log the reason with `configuration.log`.
        //  - `.forward`: the upstream may take seconds. Do NOT wait here (nor call
        //    `resolver.respond`, which forwards on this thread), or every other client
        //    waits too: `forwarding.start { … }` runs `resolver.forward` and sends its answer
        //    on a thread of its own. If it returns false (256 already waiting), answer
        //    SERVFAIL at once (`resolver.response(to:code:)`).
        configuration.log("not implemented yet: DNSServer.serveDatagram (your code goes here)")
    }
}
