import NetLabKit

extension DHCPClient {
    /// Sends `message` and waits for the reply to it, retransmitting on `Backoff`'s
    /// schedule. A reply is ours only if it is a BOOTREPLY with our xid and our chaddr and
    /// one of the `expecting` types; anything else (a stray, a stale duplicate, another
    /// client's answer) is skipped.
    ///
    /// - Returns: the reply, or `nil` if `deadline` (a `SystemTime().now()` value) passed.
    public func transact(
        _ message: DHCPMessage, to server: SocketAddress, expecting: Set<DHCPMessageType>, deadline: Double
    ) throws -> DHCPMessage? {
        // TODO: Part 6. Send, then `receive(until:)` until the next retransmission is due
        // (`backoffDelay(afterAttempt:)`, but never past `deadline`). A reply that is not
        // ours does not restart the wait. Retransmit the same message (same xid).
        throw NotImplemented("DHCPClient.transact")
    }

    /// Runs INIT → SELECTING → REQUESTING → BOUND and returns the lease. A NAK sends the
    /// client back to INIT with a new xid (RFC 2131 §4.4.1).
    ///
    /// - Throws: `DHCPClientError.noServer` if no lease came within the timeout.
    public func obtain() throws -> DHCPLease {
        // TODO: Part 6. One deadline for everything: `configuration.timeout` from now.
        // INIT: `message(.discover, xid: newXID())`, with option 50 if `configuration.requested`.
        // SELECTING: `transact` for an OFFER. REQUESTING: a REQUEST with the same xid and
        // options 50 (the offered yiaddr) and 54 (the offer's server identifier); `transact`
        // for an ACK or a NAK. BOUND: `DHCPLease(ack:mac:clientID:server:)` with `serverText`.
        // `say` one line per message sent and received (the handout shows them).
        throw NotImplemented("DHCPClient.obtain")
    }
}
