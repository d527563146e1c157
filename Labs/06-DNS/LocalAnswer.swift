/// What the local data say about a question.
public enum LocalAnswer: Hashable, Sendable {
    /// Records that answer it (possibly a CNAME chain ending in them).
    case answer([ResourceRecord])
    /// The name exists, but has no record of the asked type: NOERROR with no answers
    /// (RFC 2308 §2.2 "NODATA"), with the zone's SOA if the name lies in a local zone.
    case noData(soa: ResourceRecord?)
    /// The name lies inside a zone this server owns (it has the zone's SOA) and does not
    /// exist: NXDOMAIN with the SOA (RFC 2308 §2.1).
    case nameError(soa: ResourceRecord)
    /// The local data know nothing about this name: forward it, or refuse.
    case notLocal
}

