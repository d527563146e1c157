// The resolver's state, `handle` and the answer builder are given, in `DNSResolver+Responses.swift`.
extension DNSResolver {
    /// Part 3: answers a query from the names this server owns, with AA set.
    ///
    /// - A local name with records of the type (CNAMEs followed): NOERROR, the records.
    /// - A local name without that type ("NODATA"): NOERROR, no answers, the zone's SOA if any.
    /// - A missing name inside a local zone: NXDOMAIN, the zone's SOA (RFC 2308 §3).
    ///
    /// - Returns: the answer, or `nil` if the name is not local (then the cache, the upstream
    ///   or REFUSED decide).
    func answerLocally(_ query: DNSMessage) -> DNSMessage? {
        guard let question = query.questions.first else { return nil }
        switch local.lookup(question) {
        case .answer(let records):
            return response(to: query, code: .noError, answers: records, authoritative: true)
        case .noData(let soa):
            return response(to: query, code: .noError, authorities: soa.map { [$0] } ?? [], authoritative: true)
        case .nameError(let soa):
            return response(to: query, code: .nameError, authorities: [soa], authoritative: true)
        case .notLocal:
            return nil
        }
    }
}
