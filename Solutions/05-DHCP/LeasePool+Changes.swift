import NetLabKit

extension LeasePool {
    /// Frees `address` now, remembering whose it was (RELEASE).
    public mutating func release(_ address: IPv4Address, now: Double) throws -> Lease {
        var lease = lease(of: address) ?? Lease(address: address, client: ClientKey(""), state: .released, expires: now)
        lease.state = .released
        lease.expires = now
        store(lease)
        return lease
    }

    /// Takes `address` out of service until `until` (DECLINE). Its client no longer owns it.
    public mutating func quarantine(_ address: IPv4Address, until: Double) throws -> Lease {
        let lease = Lease(address: address, client: ClientKey("declined"), state: .declined, expires: until)
        store(lease)
        return lease
    }
}
