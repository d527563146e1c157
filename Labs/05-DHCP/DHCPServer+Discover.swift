import NetLabKit

extension DHCPServer {
    /// DISCOVER → OFFER (RFC 2131 §4.3.1): picks an address with `LeasePool.offer` and
    /// offers it with the full lease time. An exhausted pool sends nothing and logs why.
    func discover(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        // TODO: Part 2. The client is `request.clientKey`, its MAC `HardwareAddress(request.chaddr)`,
        // the hold `configuration.offerHold`. With no address, `log` a line that says the
        // pool (FIRST-LAST) is exhausted, and return nil.
        throw NotImplemented("DHCPServer.discover")
    }

    /// REQUEST in SELECTING: the client picked an offer. If it picked another server's
    /// offer (option 54 is not ours), the address held for it goes back to the pool and
    /// the server stays silent. Otherwise the requested address (option 50) is bound and
    /// ACKed if this client may have it, and NAKed if not.
    func selecting(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        // TODO: Part 2. To give a held offer back, store it as `.released` now (the client
        // is still remembered). Before an ACK, `persist` the new lease; if that fails, no reply.
        throw NotImplemented("DHCPServer.selecting")
    }
}
