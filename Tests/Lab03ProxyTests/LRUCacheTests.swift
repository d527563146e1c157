import Lab02HTTP
import Lab03Proxy
import NetLabKit
import Synchronization
import Testing

/// Part 2: the cache type on its own, no sockets.
@Suite struct LRUCacheTests {
    func entry(_ size: Int) -> CacheEntry {
        CacheEntry(
            response: HTTPResponse(status: 200, body: [UInt8](repeating: 0x61, count: size)), requestTime: 0,
            responseTime: 0)
    }

    @Test("a stored entry comes back, and a missing key gives nil")
    func getAndInsert() throws {
        let cache = LRUCache(capacity: 1_000, maxObject: 500)
        let stored = try cache.insert("a", entry(10))
        let found = try cache.get("a")
        let missing = try cache.get("b")
        #expect(stored)
        #expect(found == entry(10))
        #expect(missing == nil)
        #expect(try cache.count() == 1)
        #expect(try cache.bytes() == 10)
    }

    @Test("the least recently used entry is evicted first, and get counts as a use")
    func evictsLeastRecentlyUsed() throws {
        let cache = LRUCache(capacity: 300, maxObject: 300)
        _ = try cache.insert("a", entry(100))
        _ = try cache.insert("b", entry(100))
        _ = try cache.insert("c", entry(100))
        _ = try cache.get("a")  // now b is the least recently used
        _ = try cache.insert("d", entry(100))
        let keys = try cache.keys()
        #expect(keys == ["d", "a", "c"])
        #expect(try cache.get("b") == nil)
        #expect(try cache.evictions() == 1)
        #expect(try cache.bytes() == 300)
    }

    @Test("a big entry evicts as many old ones as it needs, and the total never passes the budget")
    func evictsSeveral() throws {
        let cache = LRUCache(capacity: 1_000, maxObject: 1_000)
        for index in 0..<10 { _ = try cache.insert("k\(index)", entry(100)) }
        _ = try cache.insert("big", entry(450))
        let keys = try cache.keys()
        #expect(keys == ["big", "k9", "k8", "k7", "k6", "k5"])
        #expect(try cache.bytes() == 950)
        #expect(try cache.evictions() == 5)
    }

    @Test("an entry of exactly the per-object limit, or of the whole budget, is stored")
    func exactLimits() throws {
        let cache = LRUCache(capacity: 1_000, maxObject: 100)
        let atLimit = try cache.insert("a", entry(100))
        let whole = LRUCache(capacity: 100, maxObject: 100)
        let atBudget = try whole.insert("b", entry(100))
        #expect(atLimit)
        #expect(atBudget)
        #expect(try whole.bytes() == 100)
    }

    @Test("an entry over the per-object limit is refused and evicts nothing")
    func refusesTooBig() throws {
        let cache = LRUCache(capacity: 1_000, maxObject: 100)
        _ = try cache.insert("a", entry(50))
        let stored = try cache.insert("huge", entry(101))
        #expect(!stored)
        #expect(try cache.keys() == ["a"])
        #expect(try cache.evictions() == 0)
    }

    @Test("replacing an entry updates the byte count instead of adding to it")
    func replaceUpdatesBytes() throws {
        let cache = LRUCache(capacity: 1_000, maxObject: 1_000)
        _ = try cache.insert("a", entry(100))
        _ = try cache.insert("b", entry(10))
        _ = try cache.insert("a", entry(300))
        #expect(try cache.bytes() == 310)
        #expect(try cache.count() == 2)
        #expect(try cache.keys() == ["a", "b"])
        try cache.remove("a")
        #expect(try cache.bytes() == 10)
        #expect(try cache.keys() == ["b"])
    }

    @Test("many threads read and write at once and the counts stay consistent")
    func concurrentReaders() throws {
        let cache = LRUCache(capacity: 5_000, maxObject: 1_000)
        _ = try cache.insert("shared", entry(100))
        let wrong = Atomic<Int>(0)
        let finished = Atomic<Int>(0)
        for thread in 0..<8 {
            startThread {
                for round in 0..<500 {
                    if (try? cache.get("shared"))??.size != 100 { wrong.add(1, ordering: .relaxed) }
                    _ = try? cache.insert(
                        "t\(thread)-\(round % 20)",
                        CacheEntry(
                            response: HTTPResponse(status: 200, body: [UInt8](repeating: 1, count: 50)),
                            requestTime: 0, responseTime: 0))
                    _ = try? cache.insert(
                        "shared",
                        CacheEntry(
                            response: HTTPResponse(status: 200, body: [UInt8](repeating: 2, count: 100)),
                            requestTime: 0, responseTime: 0))
                }
                finished.add(1, ordering: .releasing)
            }
        }
        #expect(eventually(within: 60) { finished.load(ordering: .acquiring) == 8 })
        #expect(wrong.load(ordering: .relaxed) == 0)
        let keys = try cache.keys()
        let bytes = try cache.bytes()
        #expect(bytes <= 5_000)
        #expect(try cache.count() == keys.count)
        #expect(bytes == keys.count * 50 + 50)  // every entry is 50 bytes, "shared" 100
    }
}
