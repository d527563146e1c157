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
        // TODO: give the bytes to `resolver.handle` (given), and act on its `Outcome`:
        //  - `.reply`: send it to `client`, encoded with
        //    `encode(fittingIn: DNSResolver.udpLimit(for:))` so it fits the datagram.
        //  - `.drop`: send nothing; log the reason with `configuration.log`.
        //  - `.forward`: hand it to `serveForwarded` (Part 5), which must not wait here.
        configuration.log("not implemented yet: DNSServer.serveDatagram (your code goes here)")
    }
}
