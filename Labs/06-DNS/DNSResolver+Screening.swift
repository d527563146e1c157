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
        // TODO: in this order (build every answer with `response(to:code:…)`, given):
        //  1. `DNSHeader.decode`: too short → `.outcome(.drop(reason))`. A response (QR=1) →
        //     drop it too.
        //  2. Opcode not QUERY → NOTIMP, answering `DNSMessage(header: header)`.
        //  3. `DNSMessage.decode` fails → FORMERR, answering `DNSMessage(header: header)`.
        //     More than one OPT record → FORMERR. Not exactly one question → FORMERR.
        //  4. EDNS version above 0 → BADVERS. A class other than IN or ANY → REFUSED.
        //  5. Anything else: `.query(message)`.
        // The stand-in below decodes what it can and drops the rest, so Parts 3 to 6 work.
        guard let query = try? DNSMessage.decode(bytes), query.questions.count == 1 else {
            return .outcome(.drop("not implemented yet: DNSResolver.screen drops what it cannot decode"))
        }
        return .query(query)
    }
}
