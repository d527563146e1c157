import Synchronization

/// The counters `GET /stats` reports.
public final class ProxyStats: Sendable {
    /// What happened to one request, as `X-Cache` says it.
    public enum Outcome: String, Sendable {
        case hit = "HIT", miss = "MISS", revalidated = "REVALIDATED", none = ""
    }

    // Atomics, not one lock: every request counts, and a lock taken by all workers for
    // every request is where they would queue. A reader may see one counter a request ahead
    // of another; once the proxy is quiet they agree.
    private let requests = Atomic<Int>(0)
    private let hits = Atomic<Int>(0)
    private let misses = Atomic<Int>(0)
    private let revalidated = Atomic<Int>(0)

    public init() {}

    /// Counts one request (not `/stats` itself) and its outcome.
    public func record(_ outcome: Outcome) {
        requests.add(1, ordering: .relaxed)
        switch outcome {
        case .hit: hits.add(1, ordering: .relaxed)
        case .miss: misses.add(1, ordering: .relaxed)
        case .revalidated: revalidated.add(1, ordering: .relaxed)
        case .none: break
        }
    }

    public func json(cache: LRUCache) -> String {
        let now = (
            requests: requests.load(ordering: .relaxed), hits: hits.load(ordering: .relaxed),
            misses: misses.load(ordering: .relaxed), revalidated: revalidated.load(ordering: .relaxed)
        )
        let bytes = (try? cache.bytes()) ?? 0
        let entries = (try? cache.count()) ?? 0
        let evictions = (try? cache.evictions()) ?? 0
        return "{\"requests\": \(now.requests), \"hits\": \(now.hits), \"misses\": \(now.misses), "
            + "\"revalidated\": \(now.revalidated), \"bytes_cached\": \(bytes), \"entries\": \(entries), "
            + "\"evictions\": \(evictions)}\n"
    }
}
