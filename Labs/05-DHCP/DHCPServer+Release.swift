import NetLabKit

extension DHCPServer {
    /// RELEASE (RFC 2131 §4.3.4): the client gives its address back. It becomes free, but
    /// stays remembered for this client, which gets it back next time if nobody took it.
    /// No reply, ever.
    func release(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        // TODO: Part 3. The address is `ciaddr`. Only the client that holds the lease may
        // release it: log and ignore anyone else. `persist` the change.
        throw NotImplemented("DHCPServer.release")
    }

    /// DECLINE (RFC 2131 §4.3.3): the client found the address in use. Nobody gets it for
    /// `quarantineSeconds`. No reply.
    func decline(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        // TODO: Part 3. The address is option 50, and must be one we gave this client.
        throw NotImplemented("DHCPServer.decline")
    }

    /// INFORM (RFC 2131 §4.3.5): a client with an address of its own wants only the
    /// network's options. ACK with no lease time and yiaddr 0; the pool is not touched.
    func inform(_ request: DHCPMessage, pool: inout LeasePool, now: Double) throws -> DHCPMessage? {
        // TODO: Part 3.
        throw NotImplemented("DHCPServer.inform")
    }
}
