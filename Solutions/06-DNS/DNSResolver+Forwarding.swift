// The resolver's state, `handle` and the answer builder are given, in `DNSResolver+Responses.swift`.
extension DNSResolver {
    /// Part 5: asks the upstream for a query that `handle` said to forward, caches what comes
    /// back, and builds the client's answer. Blocks for up to the forwarder's timeouts.
    ///
    /// - Returns: the answer, or SERVFAIL if the upstream never answered acceptably.
    public func forward(_ query: DNSMessage) -> DNSMessage {
        guard let forwarder, let question = query.questions.first else { return response(to: query, code: .refused) }
        do {
            let reply = try forwarder.resolve(question, recursionDesired: query.header.recursionDesired)
            cache.store(reply, for: question)
            return response(
                to: query, code: reply.responseCode, answers: reply.answers, authorities: reply.authorities,
                additionals: reply.additionals.filter { $0.type != .opt })
        } catch {
            return response(to: query, code: .serverFailure)
        }
    }
}
