import Synchronization

/// The counters `GET /stats` reports.
public final class ProxyStats: Sendable {
    struct Counts {
        var requests = 0, hits = 0, misses = 0, revalidated = 0
    }

    /// What happened to one request, as `X-Cache` says it.
    public enum Outcome: String, Sendable {
        case hit = "HIT", miss = "MISS", revalidated = "REVALIDATED", none = ""
    }

    private let counts = Mutex(Counts())

    public init() {}

    /// Counts one request (not `/stats` itself) and its outcome.
    public func record(_ outcome: Outcome) {
        counts.withLock { counts in
            counts.requests += 1
            switch outcome {
            case .hit: counts.hits += 1
            case .miss: counts.misses += 1
            case .revalidated: counts.revalidated += 1
            case .none: break
            }
        }
    }

    /// The JSON object `GET /stats` returns, keys in a fixed order.
    public func json(cache: LRUCache) -> String {
        let now = counts.withLock { $0 }
        let bytes = (try? cache.bytes()) ?? 0
        let entries = (try? cache.count()) ?? 0
        let evictions = (try? cache.evictions()) ?? 0
        return "{\"requests\": \(now.requests), \"hits\": \(now.hits), \"misses\": \(now.misses), "
            + "\"revalidated\": \(now.revalidated), \"bytes_cached\": \(bytes), \"entries\": \(entries), "
            + "\"evictions\": \(evictions)}\n"
    }
}
