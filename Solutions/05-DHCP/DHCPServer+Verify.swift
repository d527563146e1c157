extension DHCPServer {
    /// REQUEST in INIT-REBOOT (RFC 2131 §4.3.2): a client that remembers an address asks to
    /// keep it. NAK if the address is not on our subnet or belongs to someone else; ACK if
    /// it is this client's lease. A client we have no record of gets silence (another server
    /// may know it), or a NAK with `--authoritative`.
    func initReboot(_ request: DHCPMessage, pool: inout LeasePool, now: Double) -> DHCPMessage? {
        guard let address = request.requestedAddress else { return nil }
        return confirm(address, request: request, pool: &pool, now: now)
    }

    /// REQUEST in RENEWING or REBINDING (RFC 2131 §4.3.2): a bound client (ciaddr set)
    /// asks to extend its lease. The same answers as INIT-REBOOT, for `ciaddr`.
    func renewing(_ request: DHCPMessage, pool: inout LeasePool, now: Double) -> DHCPMessage? {
        confirm(request.ciaddr, request: request, pool: &pool, now: now)
    }

    /// ACK (and extend) the client's own lease of `address`, NAK what is wrong, and stay
    /// silent about what we do not know.
    private func confirm(_ address: IPv4Address, request: DHCPMessage, pool: inout LeasePool, now: Double)
        -> DHCPMessage?
    {
        let client = request.clientKey
        let nak = reply(.nak, to: request, address: .zero, leaseSeconds: nil)
        guard configuration.onSubnet(address) else { return nak }
        let hardware = HardwareAddress(request.chaddr)
        if let lease = pool.lease(of: address), lease.client == client, lease.state != .declined,
            pool.isAvailable(address, for: client, hardware: hardware, now: now)
        {
            let renewed = pool.bind(address, to: client, seconds: configuration.leaseSeconds, now: now)
            guard persist(renewed) else { return nil }
            return reply(.ack, to: request, address: address, leaseSeconds: configuration.leaseSeconds)
        }
        if pool.lease(of: client) != nil || pool.lease(of: address)?.isTaken(at: now) == true
            || (pool.contains(address) && !pool.isAvailable(address, for: client, hardware: hardware, now: now))
        {
            return nak
        }
        return configuration.authoritative ? nak : nil
    }
}
