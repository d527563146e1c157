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
        let header: DNSHeader
        do {
            header = try DNSHeader.decode(bytes).header
        } catch {
            return .drop("\(bytes.count)-byte datagram: \(error)")
        }
        if header.isResponse { return .drop("a response (QR=1), not a query") }
        if header.opcode != .query {
            var reply = response(to: DNSMessage(header: header), code: .notImplemented)
            reply.header.opcode = header.opcode
            return .reply(reply)
        }
        let query: DNSMessage
        do {
            query = try DNSMessage.decode(bytes)
        } catch {
            return .reply(response(to: DNSMessage(header: header), code: .formatError))
        }
        let options = query.additionals.filter { $0.type == .opt }
        if options.count > 1 || options.contains(where: { $0.name != .root }) {
            return .reply(response(to: DNSMessage(header: header), code: .formatError))
        }
        guard query.questions.count == 1, query.questions[0].type != .opt else {
            return .reply(response(to: DNSMessage(header: header, additionals: options), code: .formatError))
        }
        if let edns = query.edns, edns.version > 0 { return .reply(response(to: query, code: .badVersion)) }
        let question = query.questions[0]
        guard question.recordClass == .internet || question.recordClass == .any else {
            return .reply(response(to: query, code: .refused))
        }

        switch local.lookup(question) {
        case .answer(let records):
            return .reply(response(to: query, code: .noError, answers: records, authoritative: true))
        case .noData(let soa):
            return .reply(response(to: query, code: .noError, authorities: soa.map { [$0] } ?? [], authoritative: true))
        case .nameError(let soa):
            return .reply(response(to: query, code: .nameError, authorities: [soa], authoritative: true))
        case .notLocal:
            if let cached = cache.lookup(question) {
                return .reply(
                    response(
                        to: query, code: cached.responseCode, answers: cached.answers, authorities: cached.authorities,
                        additionals: cached.additionals))
            }
            if forwarder == nil { return .reply(response(to: query, code: .refused)) }
            return .forward(query)
        }
    }

    /// Asks the upstream for a query that `handle` said to forward, caches what comes back,
    /// and builds the client's answer. Blocks for up to the forwarder's timeouts.
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
