import NetLabKit

extension LeasePool {
    /// Whether `client` may have `address` at `now`: it is ours, not reserved for another
    /// machine, and nobody else holds it.
    public func isAvailable(
        _ address: IPv4Address, for client: ClientKey, hardware: HardwareAddress, now: Double
    ) throws
        -> Bool
    {
        // TODO: Part 2. Not ours (`contains`): no. Reserved (`reserved`, `reservations`) for
        // another MAC: no. Outside the pool and not this MAC's reservation: no. Never used:
        // yes. This client's own lease: yes, unless it declined it. Someone else's: only
        // if it is no longer taken (`Lease.isTaken(at:)`).
        throw NotImplemented("LeasePool.isAvailable")
    }

    /// Picks the address to offer a client and holds it for `hold` seconds, so that a
    /// second DISCOVER never gets the same one (RFC 2131 §4.3.1). In order of preference:
    /// the client's `--static` reservation; the address it had before; the address it asks
    /// for (option 50); an address never used; the free address whose lease ended longest ago.
    ///
    /// - Returns: the address, or `nil` if the pool is exhausted.
    public mutating func offer(
        to client: ClientKey, hardware: HardwareAddress, requested: IPv4Address?, now: Double, hold: Double
    ) throws -> IPv4Address? {
        // TODO: Part 2. Try the choices in the order above. "Never used" means no lease in
        // `leases`: start looking at `unusedCursor` and move it on, so that a big pool is
        // not searched from its first address every time. "Ended longest ago" is the
        // smallest `expires` among leases that are not taken (break ties by address).
        // Then `store` an `.offered` lease that expires at `now + hold`, except when the
        // address is this client's lease, still bound: an offer must not shorten a lease.
        throw NotImplemented("LeasePool.offer")
    }

    /// Binds `address` to `client` for `seconds` from `now` (on an ACK).
    public mutating func bind(
        _ address: IPv4Address, to client: ClientKey, seconds: UInt32, now: Double
    ) throws -> Lease {
        // TODO: Part 2. Store a `.bound` lease and return it.
        throw NotImplemented("LeasePool.bind")
    }
}
