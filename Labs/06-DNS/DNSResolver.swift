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
        // TODO: `local.lookup` the query's question, and build the answer with
        // `response(to:code:answers:authorities:authoritative:)` (given), AA set:
        //  - `.answer(records)` → NOERROR with the records in the answer section;
        //  - `.noData(soa)` → NOERROR, no answers, the SOA (if any) in the authority section;
        //  - `.nameError(soa)` → NXDOMAIN, the SOA in the authority section;
        //  - `.notLocal` → nil.
        nil
    }
}
