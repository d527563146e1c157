import NetLabKit

/// The proxy's cache: entries by key, the least recently used evicted first when the byte
/// budget is full.
///
/// TODO (part 2): write it by hand, no library cache:
/// - A dictionary from key to a list node finds an entry in O(1).
/// - A doubly linked list of nodes (a `final class Node` with `previous` and `next`) keeps
///   the use order, most recent at the head, so that moving a node to the front and
///   evicting the tail are O(1) too. Make `previous` `weak` so the list has no cycles.
/// - Keep the total bytes (`CacheEntry.size`) and the number of evictions.
/// - Thread-safe: put all of that behind one lock and hold it only for the O(1) list work.
///   Use the kit's `Monitor` (`private let lock = Monitor()`, then `lock.withLock { … }`);
///   the handout says why it is faster here than `Mutex`. A class whose state a lock guards
///   is `@unchecked Sendable`, with a comment saying which lock. `CacheEntry` is a value
///   whose body is shared copy-on-write, so many workers can send the same hit at once once
///   `get` has returned it.
public final class LRUCache: Sendable {
    /// Total bytes the entries may use.
    public let capacity: Int
    /// The largest entry stored.
    public let maxObject: Int

    public init(capacity: Int, maxObject: Int) {
        self.capacity = capacity
        self.maxObject = maxObject
    }

    /// The entry for `key`, which becomes the most recently used; `nil` if absent.
    public func get(_ key: String) throws -> CacheEntry? {
        throw NotImplemented("LRUCache.get")
    }

    /// Stores `entry` under `key` as the most recently used, replacing any entry there, and
    /// evicts least recently used entries (never the new one) until the total fits `capacity`.
    ///
    /// - Returns: `false` (and stores nothing, evicts nothing) if the entry alone is over
    ///   `maxObject` or `capacity`.
    @discardableResult
    public func insert(_ key: String, _ entry: CacheEntry) throws -> Bool {
        throw NotImplemented("LRUCache.insert")
    }

    /// Removes the entry for `key`, if any (not counted as an eviction).
    public func remove(_ key: String) throws {
        throw NotImplemented("LRUCache.remove")
    }

    /// How many entries are stored.
    public func count() throws -> Int { throw NotImplemented("LRUCache.count") }
    /// The bytes the entries use.
    public func bytes() throws -> Int { throw NotImplemented("LRUCache.bytes") }
    /// How many entries were evicted to make room.
    public func evictions() throws -> Int { throw NotImplemented("LRUCache.evictions") }
    /// The keys from most to least recently used.
    public func keys() throws -> [String] { throw NotImplemented("LRUCache.keys") }
}
