import NetLabKit
import Synchronization

/// An answer taken from the cache, its TTLs already counted down.
public struct CachedAnswer: Hashable, Sendable {
    public var responseCode: DNSResponseCode
    public var answers: [ResourceRecord]
    public var authorities: [ResourceRecord]
    public var additionals: [ResourceRecord]
}

/// Remembers forwarded answers for as long as their TTLs allow.
///
/// - Positive answers live for the smallest TTL among their records, and the TTLs handed
///   out count down: a record cached with TTL 300 is served 40 seconds later with TTL 260.
/// - Negative answers (NXDOMAIN, and NOERROR with no answer: "NODATA") are cached too,
///   for min(SOA TTL, SOA MINIMUM) of the SOA in the authority section, or for
///   `negativeTTL` when there is no SOA (RFC 2308 §5).
/// - It holds at most `capacity` entries; a full cache first forgets expired entries, then
///   the entry closest to expiring.
///
/// Time comes from an injected `TimeSource`, so tests move a `ManualTime` instead of sleeping.
///
/// This file is given: the entries, the clock, `clamp` and `makeRoom`. Storing and finding
/// answers is `store` and `lookup`, in `DNSCache.swift`: you write them.
public final class DNSCache: Sendable {
    struct Entry {
        var answer: CachedAnswer
        var storedAt: Double
        var expiresAt: Double
    }

    public let capacity: Int
    public let negativeTTL: UInt32
    public let maximumTTL: UInt32
    let time: any TimeSource
    let entries = Mutex([DNSQuestion: Entry]())

    /// - Parameters:
    ///   - capacity: the most entries kept (one entry per question).
    ///   - time: the clock; pass a `ManualTime` in tests.
    ///   - negativeTTL: seconds to keep a negative answer that carries no SOA.
    ///   - maximumTTL: longer TTLs are cut to this (a day, as BIND does by default).
    public init(
        capacity: Int = 10_000, time: any TimeSource = SystemTime(), negativeTTL: UInt32 = 60,
        maximumTTL: UInt32 = 86_400
    ) {
        self.capacity = max(1, capacity)
        self.time = time
        self.negativeTTL = negativeTTL
        self.maximumTTL = maximumTTL
    }

    /// How many entries the cache holds now (expired ones included until they are pruned).
    public var count: Int { entries.withLock { $0.count } }

    /// Forgets everything.
    public func removeAll() {
        entries.withLock { $0.removeAll() }
    }

    /// A TTL as a cache may use it: RFC 2181 §8 says a TTL with its top bit set means 0,
    /// and very long TTLs are cut to `maximumTTL`.
    func clamp(_ ttl: UInt32) -> UInt32 {
        ttl & 0x8000_0000 != 0 ? 0 : min(ttl, maximumTTL)
    }

    static func makeRoom(in entries: inout [DNSQuestion: Entry], now: Double) {
        let expired = entries.filter { $0.value.expiresAt <= now }.map(\.key)
        for key in expired { entries[key] = nil }
        if expired.isEmpty, let soonest = entries.min(by: { $0.value.expiresAt < $1.value.expiresAt })?.key {
            entries[soonest] = nil
        }
    }
}
