import Synchronization

// The records and their lock are given, in `LocalRecords+Storage.swift`.
extension LocalRecords {
    /// Answers a question from the local data alone.
    ///
    /// CNAMEs are followed inside the local data (at most 8 links, so a CNAME loop ends):
    /// asking `www` for A, where `www` is a CNAME for `web` and `web` has an A record,
    /// answers both records (RFC 1034 §4.3.2 step 3a).
    public func lookup(_ question: DNSQuestion) -> LocalAnswer {
        // TODO: under `table.withLock`, find the records of `question.name` in `byName`.
        //  - Records of the asked type (every record for ANY): `.answer`.
        //  - None of that type, but a CNAME (and the question is not for CNAME): keep the
        //    CNAME and look its target up the same way, at most 8 links.
        //  - The name has records, none fit: `.noData(soa:)`.
        //  - No such name: `.nameError(soa:)` if a local zone holds it (`Self.zone(of:in:)`),
        //    else `.notLocal`, so the server forwards or refuses it.
        .notLocal
    }
}
