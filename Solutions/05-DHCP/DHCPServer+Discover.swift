import NetLabKit

extension DHCPServer {
    /// DISCOVER → OFFER (RFC 2131 §4.3.1): picks an address with `LeasePool.offer` and
    /// offers it with the full lease time. An exhausted pool sends nothing and logs why.
    func discover(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        let hardware = HardwareAddress(request.chaddr)
        guard
            let address = try pool.offer(
                to: request.clientKey, hardware: hardware, requested: request.requestedAddress, now: now,
                hold: configuration.offerHold)
        else {
            let range = "\(pool.range.lowerBound)-\(pool.range.upperBound)"
            log("no address for \(request.clientKey): pool \(range) is exhausted")
            return nil
        }
        return try reply(.offer, to: request, address: address, leaseSeconds: configuration.leaseSeconds)
    }

    /// REQUEST in SELECTING: the client picked an offer. If it picked another server's
    /// offer (option 54 is not ours), the address held for it goes back to the pool and
    /// the server stays silent. Otherwise the requested address (option 50) is bound and
    /// ACKed if this client may have it, and NAKed if not.
    func selecting(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        let client = request.clientKey
        guard request.serverIdentifier == configuration.serverIdentifier else {
            if var held = pool.lease(of: client), held.state == .offered {
                held.state = .released
                held.expires = now
                pool.store(held)
            }
            log("\(client) chose server \(request.serverIdentifier!), not us")
            return nil
        }
        guard let address = request.requestedAddress,
            try pool.isAvailable(address, for: client, hardware: HardwareAddress(request.chaddr), now: now)
        else {
            return try reply(.nak, to: request, address: .zero, leaseSeconds: nil)
        }
        let lease = try pool.bind(address, to: client, seconds: configuration.leaseSeconds, now: now)
        guard persist(lease) else { return nil }
        return try reply(.ack, to: request, address: address, leaseSeconds: configuration.leaseSeconds)
    }
}
