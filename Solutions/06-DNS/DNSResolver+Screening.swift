// The resolver's state, `handle` and the answer builder are given, in `DNSResolver+Responses.swift`.
extension DNSResolver {
    /// Part 7: the first look at a datagram, before any name is looked up.
    ///
    /// - Too short for a header, or a response rather than a query: dropped (answering a
    ///   response could start an endless ping-pong between two servers).
    /// - An opcode other than QUERY: NOTIMP (RFC 1035 §4.1.1).
    /// - Undecodable, not exactly one question, or two OPT records: FORMERR, addressed with
    ///   the header's ID (RFC 6891 §6.1.1).
    /// - EDNS version above 0: BADVERS (RFC 6891 §6.1.3). A class other than IN or ANY: REFUSED.
    func screen(_ bytes: [UInt8]) -> Screening {
        let header: DNSHeader
        do {
            header = try DNSHeader.decode(bytes).header
        } catch {
            return .outcome(.drop("\(bytes.count)-byte datagram: \(error)"))
        }
        if header.isResponse { return .outcome(.drop("a response (QR=1), not a query")) }
        if header.opcode != .query {
            return .outcome(.reply(response(to: DNSMessage(header: header), code: .notImplemented)))
        }
        let query: DNSMessage
        do {
            query = try DNSMessage.decode(bytes)
        } catch {
            return .outcome(.reply(response(to: DNSMessage(header: header), code: .formatError)))
        }
        let options = query.additionals.filter { $0.type == .opt }
        if options.count > 1 || options.contains(where: { $0.name != .root }) {
            return .outcome(.reply(response(to: DNSMessage(header: header), code: .formatError)))
        }
        guard query.questions.count == 1, query.questions[0].type != .opt else {
            return .outcome(.reply(response(to: DNSMessage(header: header, additionals: options), code: .formatError)))
        }
        if let edns = query.edns, edns.version > 0 { return .outcome(.reply(response(to: query, code: .badVersion))) }
        let recordClass = query.questions[0].recordClass
        guard recordClass == .internet || recordClass == .any else {
            return .outcome(.reply(response(to: query, code: .refused)))
        }
        return .query(query)
    }
}
