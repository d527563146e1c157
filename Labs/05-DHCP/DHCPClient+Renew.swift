import NetLabKit

extension DHCPClient {
    /// RENEWING, then REBINDING (RFC 2131 §4.4.5): asks to extend `lease` with a REQUEST
    /// that carries the address in `ciaddr` and neither option 50 nor 54. For the first
    /// half of the timeout it goes to the server that granted the lease; then to every
    /// server (broadcast in LAN mode, the configured server on loopback).
    ///
    /// - Returns: the extended lease.
    /// - Throws: `DHCPClientError.refused` on a NAK, `.noServer` if nothing answered.
    public func renew(_ lease: DHCPLease, leaseServer: SocketAddress) throws -> DHCPLease {
        // TODO: Part 6. Print a line starting "RENEWING" (then "REBINDING") as each phase begins.
        throw NotImplemented("DHCPClient.renew")
    }

    /// Gives the lease back with a RELEASE (RFC 2131 §4.4.6). The server never answers.
    public func release(_ lease: DHCPLease) throws {
        // TODO: Part 6. `ciaddr` is the address, option 54 the lease's server identifier.
        throw NotImplemented("DHCPClient.release")
    }
}
