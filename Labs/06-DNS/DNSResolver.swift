// The resolver's state, `respond` and the answer builder are given, in `DNSResolver+Responses.swift`.
extension DNSResolver {
    /// Decides what to do with a query, without blocking.
    ///
    /// - Too short for a header, or a response rather than a query: dropped (answering a
    ///   response could start an endless ping-pong between two servers).
    /// - An opcode other than QUERY: NOTIMP (RFC 1035 §4.1.1).
    /// - Undecodable, or not exactly one question: FORMERR, addressed with the header's ID.
    /// - EDNS version above 0: BADVERS (RFC 6891 §6.1.3). Two OPT records: FORMERR (§6.1.1).
    /// - Local names: answered with AA set. Others: from the cache, else forwarded, else
    ///   REFUSED when there is no upstream.
    public func handle(_ bytes: [UInt8]) -> Outcome {
        // TODO: in this order (build every answer with `response(to:code:…)`, given):
        //  1. `DNSHeader.decode`: too short → `.drop`. A response (QR=1) → `.drop`.
        //  2. Opcode not QUERY → NOTIMP (echo the opcode).
        //  3. `DNSMessage.decode` fails → FORMERR, answering `DNSMessage(header: header)`.
        //     More than one OPT record → FORMERR. Not exactly one question → FORMERR.
        //  4. EDNS version above 0 → BADVERS. A class other than IN or ANY → REFUSED.
        //  5. `local.lookup`: `.answer` → NOERROR with AA; `.noData` → NOERROR, AA, the SOA
        //     (if any) in authority; `.nameError` → NXDOMAIN, AA, the SOA in authority.
        //  6. `.notLocal`: a `cache.lookup` hit → its code and records; else no forwarder →
        //     REFUSED; else `.forward(query)`.
        .drop("not implemented yet: DNSResolver.handle (your code goes here)")
    }

    /// Asks the upstream for a query that `handle` said to forward, caches what comes back,
    /// and builds the client's answer. Blocks for up to the forwarder's timeouts.
    ///
    /// - Returns: the answer, or SERVFAIL if the upstream never answered acceptably.
    public func forward(_ query: DNSMessage) -> DNSMessage {
        // TODO: `forwarder.resolve` the query's question (pass its RD bit); store the
        // reply in the cache; answer with the reply's code and records (not its OPT).
        // If it throws: SERVFAIL.
        response(to: query, code: .serverFailure)
    }
}
