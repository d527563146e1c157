import NetLabKit

extension DHCPClient {
    /// RENEWING, then REBINDING (RFC 2131 §4.4.5): asks to extend `lease` with a REQUEST
    /// that carries the address in `ciaddr` and neither option 50 nor 54. For the first
    /// half of the timeout it goes to the server that granted the lease; then to every
    /// server (broadcast in LAN mode, the configured server on loopback).
    ///
    /// - Returns: the extended lease.
    /// - Throws: `DHCPClientError.refused` on a NAK, `.noServer` if nothing answered.
    public func renew(_ lease: DHCPLease, leaseServer: SocketAddress) throws -> DHCPLease {
        let start = SystemTime().now()
        let phases: [(String, SocketAddress, Double)] = [
            ("RENEWING", leaseServer, start + configuration.timeout / 2),
            ("REBINDING", configuration.server, start + configuration.timeout),
        ]
        for (name, target, deadline) in phases {
            var request = message(.request, xid: newXID())
            request.ciaddr = lease.address
            if name == "RENEWING" { request.flags = 0 }
            say("\(name): \(DHCPMessageType.request) for \(lease.address) to \(target)")
            guard let answer = try transact(request, to: target, expecting: [.ack, .nak], deadline: deadline) else {
                continue
            }
            if answer.messageType == .nak { throw DHCPClientError.refused(lease.address) }
            var renewed = DHCPLease(ack: answer, mac: lease.mac, clientID: lease.clientID, server: lease.server)
            renewed.address = lease.address
            say("\(DHCPMessageType.ack) of \(renewed.address) for \(renewed.leaseSeconds) s")
            return renewed
        }
        throw DHCPClientError.noServer
    }

    /// Gives the lease back with a RELEASE (RFC 2131 §4.4.6). The server never answers.
    public func release(_ lease: DHCPLease) throws {
        var release = message(.release, xid: newXID(), options: [DHCPOption(.serverIdentifier, lease.serverID.bytes)])
        release.ciaddr = lease.address
        try send(release, to: configuration.server)
        say("\(DHCPMessageType.release) of \(lease.address) to \(lease.serverID)")
    }
}
