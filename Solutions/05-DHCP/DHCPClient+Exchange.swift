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
        var attempt = 0
        while SystemTime().now() < deadline {
            try send(message, to: server)
            let wait = try backoffDelay(afterAttempt: attempt)
            let retry = min(SystemTime().now() + wait, deadline)
            while let reply = try receive(until: retry) {
                guard reply.op == DHCPMessage.bootReply, reply.xid == message.xid,
                    Array(reply.chaddr.prefix(message.chaddr.count)) == message.chaddr,
                    let type = reply.messageType, expecting.contains(type)
                else {
                    say("ignored a reply that is not ours (xid 0x\(hex(reply.xid.bigEndianBytes)))")
                    continue
                }
                return reply
            }
            attempt += 1
            if SystemTime().now() < deadline {
                say("no answer after \(formatted(wait)) s: retransmitting \(message.messageType!)")
            }
        }
        return nil
    }

    /// Runs INIT → SELECTING → REQUESTING → BOUND and returns the lease. A NAK sends the
    /// client back to INIT with a new xid (RFC 2131 §4.4.1).
    ///
    /// - Throws: `DHCPClientError.noServer` if no lease came within the timeout.
    public func obtain() throws -> DHCPLease {
        let deadline = SystemTime().now() + configuration.timeout
        while SystemTime().now() < deadline {
            let xid = newXID()
            var discover = message(.discover, xid: xid)
            if let wanted = configuration.requested { discover.setOption(.requestedAddress, wanted.bytes) }
            say("\(DHCPMessageType.discover) xid 0x\(hex(xid.bigEndianBytes)) to \(configuration.server)")
            guard let offer = try transact(discover, to: configuration.server, expecting: [.offer], deadline: deadline),
                let serverID = offer.serverIdentifier
            else { break }
            say("\(DHCPMessageType.offer) of \(offer.yiaddr) from \(serverID)")
            let request = message(
                .request, xid: xid,
                options: [
                    DHCPOption(.requestedAddress, offer.yiaddr.bytes), DHCPOption(.serverIdentifier, serverID.bytes),
                ])
            say("\(DHCPMessageType.request) for \(offer.yiaddr) to \(serverID)")
            guard
                let answer = try transact(
                    request, to: configuration.server, expecting: [.ack, .nak], deadline: deadline)
            else { break }
            if answer.messageType == .nak {
                say("\(DHCPMessageType.nak) from \(serverID): starting again")
                continue
            }
            let lease = DHCPLease(
                ack: answer, mac: configuration.mac, clientID: configuration.clientID, server: serverText)
            say("\(DHCPMessageType.ack) of \(lease.address) for \(lease.leaseSeconds) s")
            return lease
        }
        throw DHCPClientError.noServer
    }
}

/// Seconds with two decimals, for the narration.
func formatted(_ seconds: Double) -> String {
    let hundredths = Int((seconds * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}
