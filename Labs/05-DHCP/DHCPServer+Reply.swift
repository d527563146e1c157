import NetLabKit

extension DHCPServer {
    /// A reply to `request`: BOOTREPLY, the same xid, flags, giaddr and chaddr, and options.
    ///
    /// Option 53 comes first, then the server identifier (54), then, with a lease, its
    /// time (51), T1 (58, half of it) and T2 (59, seven eighths), as RFC 2131 §4.4.5 says.
    /// Then the network's options (1, 3, 6, 15): the ones the client asked for in its
    /// parameter request list (55) first, in the order it asked, then the others.
    ///
    /// - Parameters:
    ///   - address: `yiaddr` (0 for a NAK or an INFORM's ACK).
    ///   - leaseSeconds: the lease to grant, or `nil` for none (NAK, INFORM).
    public func reply(
        _ type: DHCPMessageType, to request: DHCPMessage, address: IPv4Address, leaseSeconds: UInt32?
    )
        throws -> DHCPMessage
    {
        // TODO: Part 2. The network's options come from `configuration` (`subnetMask`,
        // `router`, `dns`, `domain`; leave out what is not set), and option 54 is
        // `configuration.serverIdentifier`. A NAK carries options 53 and 54 only (RFC 2131
        // table 3). Compute T2 without overflowing a UInt32.
        throw NotImplemented("DHCPServer.reply")
    }
}
