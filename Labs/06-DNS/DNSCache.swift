import Synchronization

// The cache's entries, its clock and its helpers are given, in `DNSCache+Storage.swift`.
extension DNSCache {
    /// Stores an upstream response to `question`, if it is cacheable: NOERROR with answers,
    /// NOERROR without (NODATA), or NXDOMAIN. Truncated answers, failures and refusals are
    /// not stored.
    public func store(_ response: DNSMessage, for question: DNSQuestion) {
        // TODO: decide how long the answer may live:
        //  - NOERROR with answers: the smallest TTL among them (each through `clamp`).
        //  - NXDOMAIN, or NOERROR with no answers: min(SOA TTL, SOA MINIMUM) of the SOA in
        //    the authority section, with the stored SOA's TTL set to that (RFC 2308 §5);
        //    `negativeTTL` if there is no SOA.
        //  - Anything else (SERVFAIL, REFUSED, a truncated answer), or a lifetime of 0:
        //    do not store it.
        // Store an `Entry` with `time.now()`; if the question is new and the cache is full,
        // `Self.makeRoom` first. Leave the OPT record out of the stored additionals.
    }

    /// The cached answer to `question`, with every TTL lowered by the seconds it has spent
    /// in the cache, or `nil` if there is none or it has expired.
    public func lookup(_ question: DNSQuestion) -> CachedAnswer? {
        // TODO: find the entry; if `time.now()` has reached its expiry, remove it and
        // return nil. Otherwise return its answer with every record's TTL lowered by the
        // whole seconds since it was stored (never below 0).
        nil
    }
}
