/// Every address the server hands out, and what it knows about each.
///
/// The server keeps one pool behind a lock, and passes it `inout` to the code that answers
/// each message: the choices (LeasePool+Offer.swift, LeasePool+Changes.swift) are yours.
public struct LeasePool: Sendable {
    /// The first and last address of `--pool FIRST-LAST`.
    public let range: ClosedRange<IPv4Address>
    /// `--static MAC=IP` reservations.
    public let reservations: [HardwareAddress: IPv4Address]
    /// The reserved addresses, which no other client ever gets.
    public let reserved: Set<IPv4Address>
    /// What the server knows about each address it ever offered. An address not here was
    /// never used.
    public private(set) var leases: [IPv4Address: Lease] = [:]
    /// The address each client had last, so a known client gets its own back.
    public private(set) var addressOf: [ClientKey: IPv4Address] = [:]
    /// Every address below this one has been looked at: a search for a never-used address
    /// starts here instead of at the pool's first address.
    public var unusedCursor: UInt32

    public init(range: ClosedRange<IPv4Address>, reservations: [HardwareAddress: IPv4Address] = [:]) {
        self.range = range
        self.reservations = reservations
        reserved = Set(reservations.values)
        unusedCursor = range.lowerBound.value
    }

    /// Whether `address` belongs to this server: in the pool, or reserved.
    public func contains(_ address: IPv4Address) -> Bool {
        range.contains(address) || reserved.contains(address)
    }

    /// The lease of `address`, if it was ever used.
    public func lease(of address: IPv4Address) -> Lease? { leases[address] }

    /// The lease this client had last, if the server still remembers it for that client.
    public func lease(of client: ClientKey) -> Lease? {
        guard let address = addressOf[client], let lease = leases[address], lease.client == client else { return nil }
        return lease
    }

    /// Records a lease (replacing what was known about its address).
    public mutating func store(_ lease: Lease) {
        if let old = leases[lease.address], old.client != lease.client, addressOf[old.client] == lease.address {
            addressOf[old.client] = nil
        }
        leases[lease.address] = lease
        addressOf[lease.client] = lease.address
    }

    /// Forgets an address entirely (it becomes never-used again).
    public mutating func forget(_ address: IPv4Address) {
        if let old = leases.removeValue(forKey: address), addressOf[old.client] == address {
            addressOf[old.client] = nil
        }
        unusedCursor = min(unusedCursor, address.value)
    }
}
