import NetLabKit

extension LeasePool {
    /// Whether `client` may have `address` at `now`: it is ours, not reserved for another
    /// machine, and nobody else holds it.
    public func isAvailable(
        _ address: IPv4Address, for client: ClientKey, hardware: HardwareAddress, now: Double
    ) throws
        -> Bool
    {
        guard contains(address) else { return false }
        if reserved.contains(address), reservations[hardware] != address { return false }
        if !range.contains(address), reservations[hardware] != address { return false }
        guard let lease = lease(of: address) else { return true }
        return lease.client == client ? lease.state != .declined : !lease.isTaken(at: now)
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
        var choice: IPv4Address?
        if let reserved = reservations[hardware] {
            choice = reserved
        } else if let old = lease(of: client), try isAvailable(old.address, for: client, hardware: hardware, now: now) {
            choice = old.address
        } else if let requested, range.contains(requested),
            try isAvailable(requested, for: client, hardware: hardware, now: now)
        {
            choice = requested
        } else {
            choice = neverUsed() ?? oldestFree(now: now)
        }
        guard let address = choice else { return nil }
        // A bound lease of this client stays bound: an offer must not shorten it.
        if let current = lease(of: address), current.client == client, current.state == .bound, current.expires > now {
            return address
        }
        store(Lease(address: address, client: client, state: .offered, expires: now + hold))
        return address
    }

    /// Binds `address` to `client` for `seconds` from `now` (on an ACK).
    public mutating func bind(
        _ address: IPv4Address, to client: ClientKey, seconds: UInt32, now: Double
    ) throws -> Lease {
        let lease = Lease(address: address, client: client, state: .bound, expires: now + Double(seconds))
        store(lease)
        return lease
    }

    /// The lowest pool address never used and not reserved, moving the cursor past it.
    mutating func neverUsed() -> IPv4Address? {
        while unusedCursor <= range.upperBound.value {
            let address = IPv4Address(unusedCursor)
            if lease(of: address) == nil, !reserved.contains(address) { return address }
            unusedCursor += 1
        }
        return nil
    }

    /// The free pool address (expired or released) whose lease ended first.
    func oldestFree(now: Double) -> IPv4Address? {
        leases.values
            .filter { range.contains($0.address) && !reserved.contains($0.address) && !$0.isTaken(at: now) }
            .min { ($0.expires, $0.address) < ($1.expires, $1.address) }?.address
    }
}
