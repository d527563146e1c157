// The resolver's state, `handle` and the answer builder are given, in `DNSResolver+Responses.swift`.
extension DNSResolver {
    /// Part 5: asks the upstream for a query that `handle` said to forward, caches what comes
    /// back, and builds the client's answer. Blocks for up to the forwarder's timeouts.
    ///
    /// - Returns: the answer, or SERVFAIL if the upstream never answered acceptably.
    public func forward(_ query: DNSMessage) -> DNSMessage {
        // TODO: `forwarder.resolve` the query's question, passing the query's RD bit; store
        // the reply in the cache (`cache.store`); answer with the reply's code and its
        // answer, authority and additional records (not its OPT record: `response` adds
        // ours). If `resolve` throws: SERVFAIL.
        response(to: query, code: .serverFailure)
    }
}
