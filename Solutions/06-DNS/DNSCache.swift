import Synchronization

// The cache's entries, its clock and its helpers are given, in `DNSCache+Storage.swift`.
extension DNSCache {
    /// Stores an upstream response to `question`, if it is cacheable: NOERROR with answers,
    /// NOERROR without (NODATA), or NXDOMAIN. Truncated answers, failures and refusals are
    /// not stored.
    public func store(_ response: DNSMessage, for question: DNSQuestion) {
        let code = response.responseCode
        guard !response.header.isTruncated, code == .noError || code == .nameError else { return }
        let additionals = response.additionals.filter { $0.type != .opt }
        var authorities = response.authorities
        let lifetime: UInt32
        if code == .noError && !response.answers.isEmpty {
            lifetime = response.answers.map { clamp($0.ttl) }.min() ?? 0
        } else if let index = authorities.firstIndex(where: { $0.type == .soa }) {
            // RFC 2308 §5: the negative TTL is the SOA record's TTL or its MINIMUM field,
            // whichever is smaller, and the SOA is handed out with that TTL.
            var negative = clamp(authorities[index].ttl)
            if case .soa(let fields) = authorities[index].data { negative = min(negative, clamp(fields.minimum)) }
            authorities[index].ttl = negative
            lifetime = negative
        } else {
            lifetime = negativeTTL
        }
        guard lifetime > 0 else { return }
        let now = time.now()
        let entry = Entry(
            answer: CachedAnswer(
                responseCode: code, answers: response.answers, authorities: authorities, additionals: additionals),
            storedAt: now, expiresAt: now + Double(lifetime))
        entries.withLock { entries in
            if entries[question] == nil && entries.count >= capacity { Self.makeRoom(in: &entries, now: now) }
            entries[question] = entry
        }
    }

    /// The cached answer to `question`, with every TTL lowered by the seconds it has spent
    /// in the cache, or `nil` if there is none or it has expired.
    public func lookup(_ question: DNSQuestion) -> CachedAnswer? {
        let now = time.now()
        return entries.withLock { entries -> CachedAnswer? in
            guard let entry = entries[question] else { return nil }
            guard now < entry.expiresAt else {
                entries[question] = nil
                return nil
            }
            let elapsed = UInt32(max(0, now - entry.storedAt).rounded(.down))
            func aged(_ records: [ResourceRecord]) -> [ResourceRecord] {
                records.map { $0.with(ttl: clamp($0.ttl) > elapsed ? clamp($0.ttl) - elapsed : 0) }
            }
            var answer = entry.answer
            answer.answers = aged(answer.answers)
            answer.authorities = aged(answer.authorities)
            answer.additionals = aged(answer.additionals)
            return answer
        }
    }
}
