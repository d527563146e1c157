import Synchronization

/// The names this server answers for itself: from `--record`, the zone file, and the admin
/// channel's REGISTER. Safe to use from many threads (one lock around one dictionary).
///
/// This file is given: it stores and edits the records. Answering a question from them is
/// `lookup`, in `LocalRecords.swift`: you write it.
public final class LocalRecords: Sendable {
    /// What `lookup` reads, under `table.withLock`.
    struct Table {
        var byName: [DNSName: [ResourceRecord]] = [:]
        /// The SOA records: each makes the server authoritative for its owner and below.
        var zones: [DNSName: ResourceRecord] = [:]
    }

    let table = Mutex(Table())
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
                ($0.name.description.lowercased(), $0.type.rawValue) < (
                    $1.name.description.lowercased(), $1.type.rawValue
                )
            }
        }
    }

    /// The SOA of the closest local zone that holds `name`, with its TTL lowered to the
    /// negative-caching TTL a resolver should use: min(SOA TTL, SOA MINIMUM), RFC 2308 §3.
    static func zone(of name: DNSName, in table: Table) -> ResourceRecord? {
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
