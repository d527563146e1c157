import NetLabKit

extension LeasePool {
    /// Frees `address` now, remembering whose it was (RELEASE).
    public mutating func release(_ address: IPv4Address, now: Double) throws -> Lease {
        // TODO: Part 3. Store the lease as `.released`, expiring `now`, and return it.
        throw NotImplemented("LeasePool.release")
    }

    /// Takes `address` out of service until `until` (DECLINE). Its client no longer owns it.
    public mutating func quarantine(_ address: IPv4Address, until: Double) throws -> Lease {
        // TODO: Part 3. Store a `.declined` lease that belongs to no real client (for
        // example `ClientKey("declined")`), so the client that declined it gets another.
        throw NotImplemented("LeasePool.quarantine")
    }
}
