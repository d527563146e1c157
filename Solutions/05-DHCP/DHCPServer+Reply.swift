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
    ) throws
        -> DHCPMessage
    {
        var reply = DHCPMessage()
        reply.op = DHCPMessage.bootReply
        reply.htype = request.htype
        reply.hlen = request.hlen
        reply.xid = request.xid
        reply.flags = request.flags
        reply.giaddr = request.giaddr
        reply.chaddr = request.chaddr
        reply.yiaddr = address
        reply.options = [
            DHCPOption(.messageType, [type.rawValue]),
            DHCPOption(.serverIdentifier, configuration.serverIdentifier.bytes),
        ]
        if type == .nak { return reply }
        if let leaseSeconds {
            reply.options += [
                DHCPOption(.leaseTime, leaseSeconds.bigEndianBytes),
                DHCPOption(.renewalTime, (leaseSeconds / 2).bigEndianBytes),
                DHCPOption(.rebindingTime, UInt32(UInt64(leaseSeconds) * 7 / 8).bigEndianBytes),
            ]
        }
        var network = [DHCPOption(.subnetMask, configuration.subnetMask.bytes)]
        if let router = configuration.router { network.append(DHCPOption(.router, router.bytes)) }
        if !configuration.dns.isEmpty {
            network.append(DHCPOption(.domainNameServer, configuration.dns.flatMap(\.bytes)))
        }
        if let domain = configuration.domain { network.append(DHCPOption(.domainName, Array(domain.utf8))) }
        let wanted = request.parameterRequestList
        for code in wanted {
            if let index = network.firstIndex(where: { $0.code == code }) {
                reply.options.append(network.remove(at: index))
            }
        }
        reply.options += network
        return reply
    }
}
