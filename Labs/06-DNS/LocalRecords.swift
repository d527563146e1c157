import Synchronization

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

/// The names this server answers for itself: from `--record`, the zone file, and the admin
/// channel's REGISTER. Safe to use from many threads (one lock around one dictionary).
public final class LocalRecords: Sendable {
    private struct Table {
        var byName: [DNSName: [ResourceRecord]] = [:]
        /// The SOA records: each makes the server authoritative for its owner and below.
        var zones: [DNSName: ResourceRecord] = [:]
    }

    private let table = Mutex(Table())
    /// The TTL of names added by `register`.
    public let defaultTTL: UInt32

    public init(defaultTTL: UInt32 = 300, records: [ResourceRecord] = []) {
        self.defaultTTL = defaultTTL
        for record in records { add(record) }
    }

    /// Adds one record (an SOA also declares its owner a local zone). A record equal to one
    /// already there is not added twice.
    public func add(_ record: ResourceRecord) {
        table.withLock { table in
            var list = table.byName[record.name, default: []]
            if !list.contains(record) { list.append(record) }
            table.byName[record.name] = list
            if record.type == .soa { table.zones[record.name] = record }
        }
    }

    /// Points `name` at `ip`: an A record for IPv4, AAAA for IPv6, replacing the name's
    /// earlier records of that type (so registering again moves a name).
    ///
    /// - Returns: `false` if `ip` is not an IP address.
    @discardableResult
    public func register(name: DNSName, ip: String, ttl: UInt32? = nil) -> Bool {
        guard let record = ResourceRecord.address(name: name, ip: ip, ttl: ttl ?? defaultTTL) else { return false }
        table.withLock { table in
            var list = table.byName[name, default: []].filter { $0.type != record.type }
            list.append(record)
            table.byName[name] = list
        }
        return true
    }

    /// Removes every A and AAAA record of `name`.
    ///
    /// - Returns: `false` if it had none.
    @discardableResult
    public func unregister(name: DNSName) -> Bool {
        table.withLock { table in
            guard let list = table.byName[name] else { return false }
            let kept = list.filter { $0.type != .a && $0.type != .aaaa }
            if kept.count == list.count { return false }
            table.byName[name] = kept.isEmpty ? nil : kept
            return true
        }
    }

    /// Every record, sorted by name then type, for LIST.
    public var allRecords: [ResourceRecord] {
        table.withLock { table in
            table.byName.values.flatMap { $0 }.sorted {
                ($0.name.description.lowercased(), $0.type.rawValue) < ($1.name.description.lowercased(), $1.type.rawValue)
            }
        }
    }

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

    /// The SOA of the closest local zone that holds `name`, with its TTL lowered to the
    /// negative-caching TTL a resolver should use: min(SOA TTL, SOA MINIMUM), RFC 2308 §3.
    private static func zone(of name: DNSName, in table: Table) -> ResourceRecord? {
        guard !table.zones.isEmpty else { return nil }
        var candidate: DNSName? = name
        while let current = candidate {
            if let soa = table.zones[current] {
                guard case .soa(let fields) = soa.data else { return soa }
                return soa.with(ttl: min(soa.ttl, fields.minimum))
            }
            candidate = current.parent
        }
        return nil
    }
}
