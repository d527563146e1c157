import NetLabKit

extension DHCPServer {
    /// REQUEST in INIT-REBOOT (RFC 2131 §4.3.2): a client that remembers an address asks to
    /// keep it. NAK if the address is not on our subnet or belongs to someone else; ACK if
    /// it is this client's lease. A client we have no record of gets silence (another server
    /// may know it), or a NAK with `--authoritative`.
    func initReboot(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        guard let address = request.requestedAddress else { return nil }
        return try confirm(address, request: request, pool: &pool, now: now)
    }

    /// REQUEST in RENEWING or REBINDING (RFC 2131 §4.3.2): a bound client (ciaddr set)
    /// asks to extend its lease. The same answers as INIT-REBOOT, for `ciaddr`.
    func renewing(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        try confirm(request.ciaddr, request: request, pool: &pool, now: now)
    }

    /// ACK (and extend) the client's own lease of `address`, NAK what is wrong, and stay
    /// silent about what we do not know.
    private func confirm(
        _ address: IPv4Address, request: DHCPMessage, pool: inout LeasePool, now: Double
    ) throws
        -> DHCPMessage?
    {
        let client = request.clientKey
        let nak = try reply(.nak, to: request, address: .zero, leaseSeconds: nil)
        guard configuration.onSubnet(address) else { return nak }
        let mine = try pool.isAvailable(address, for: client, hardware: HardwareAddress(request.chaddr), now: now)
        if let lease = pool.lease(of: address), lease.client == client, mine {
            let renewed = try pool.bind(address, to: client, seconds: configuration.leaseSeconds, now: now)
            guard persist(renewed) else { return nil }
            return try reply(.ack, to: request, address: address, leaseSeconds: configuration.leaseSeconds)
        }
        // We know this client (with another address), or someone else has this one.
        if pool.lease(of: client) != nil || (pool.contains(address) && !mine) { return nak }
        return configuration.authoritative ? nak : nil
    }
}
