import NetLabKit

extension DHCPServer {
    /// RELEASE (RFC 2131 §4.3.4): the client gives its address back. It becomes free, but
    /// stays remembered for this client, which gets it back next time if nobody took it.
    /// No reply, ever.
    func release(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        guard let lease = pool.lease(of: request.ciaddr), lease.client == request.clientKey,
            lease.state == .bound
        else {
            log("ignored a DHCPRELEASE of \(request.ciaddr) by \(request.clientKey): not its lease")
            return nil
        }
        _ = persist(try pool.release(lease.address, now: now))
        return nil
    }

    /// DECLINE (RFC 2131 §4.3.3): the client found the address in use. Nobody gets it for
    /// `quarantineSeconds`. No reply.
    func decline(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        guard let address = request.requestedAddress, let lease = pool.lease(of: address),
            lease.client == request.clientKey
        else {
            log("ignored a DHCPDECLINE by \(request.clientKey): not an address we gave it")
            return nil
        }
        _ = persist(try pool.quarantine(address, until: now + configuration.quarantineSeconds))
        log("\(address) is in use by someone else: quarantined for \(Int(configuration.quarantineSeconds)) s")
        return nil
    }

    /// INFORM (RFC 2131 §4.3.5): a client with an address of its own wants only the
    /// network's options. ACK with no lease time and yiaddr 0; the pool is not touched.
    func inform(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        var ack = try reply(.ack, to: request, address: .zero, leaseSeconds: nil)
        ack.ciaddr = request.ciaddr
        return ack
    }
}
