import NetLabKit

/// The proxy's cache: entries by key, the least recently used evicted first when the byte
/// budget is full. A dictionary finds an entry in O(1); a doubly linked list keeps the
/// use order, most recent at the head, so moving an entry and evicting are O(1) too.
///
/// ```
/// index: [key: Node]        head ⇄ node ⇄ node ⇄ … ⇄ tail
///                           most recent             least recent (evicted first)
/// ```
///
/// Thread-safe: one lock, held only for O(1) list work. Entries are values whose body is
/// shared, copy-on-write, so many workers send the same hit at once without the lock.
///
/// The lock is the kit's `Monitor` (a plain pthread mutex), not Synchronization's `Mutex`.
/// Every hit takes this one lock, and on Linux a contended `Mutex` hands itself to a thread
/// that is still asleep, so with 16 workers on 2 cores each hit waited for that thread to
/// be scheduled: `make bench LAB=03` gave about 14,000 hits/s with `Mutex`, 22,000 with
/// `Monitor`.
// Sendable: `state` is touched only inside `lock`.
public final class LRUCache: @unchecked Sendable {
    /// A list node. The dictionary and `next` own nodes; `previous` is weak, so the list
    /// has no reference cycles.
    // Sendable: `key` and `entry` never change; the links are touched only inside the cache's lock.
    final class Node: @unchecked Sendable {
        let key: String
        let entry: CacheEntry
        weak var previous: Node?
        var next: Node?

        init(key: String, entry: CacheEntry) {
            self.key = key
            self.entry = entry
        }
    }

    struct State {
        var index: [String: Node] = [:]
        var head: Node?
        var tail: Node?
        var bytes = 0
        var evictions = 0

        mutating func unlink(_ node: Node) {
            if let previous = node.previous { previous.next = node.next } else { head = node.next }
            if let next = node.next { next.previous = node.previous } else { tail = node.previous }
            node.previous = nil
            node.next = nil
        }

        mutating func pushFront(_ node: Node) {
            node.next = head
            node.previous = nil
            head?.previous = node
            head = node
            if tail == nil { tail = node }
        }
    }

    /// Total bytes the entries may use.
    public let capacity: Int
    /// The largest entry stored.
    public let maxObject: Int
    private let lock = Monitor()
    private var state = State()

    public init(capacity: Int, maxObject: Int) {
        self.capacity = capacity
        self.maxObject = maxObject
    }

    /// The entry for `key`, which becomes the most recently used; `nil` if absent.
    public func get(_ key: String) throws -> CacheEntry? {
        // Under the lock only the list work; the entry (never changed once stored) is copied
        // out after, so many workers reading hits hold the lock as briefly as possible.
        let node = lock.withLock { () -> Node? in
            guard let node = state.index[key] else { return nil }
            if state.head !== node {
                state.unlink(node)
                state.pushFront(node)
            }
            return node
        }
        return node?.entry
    }

    /// Stores `entry` under `key` as the most recently used, replacing any entry there, and
    /// evicts least recently used entries until the total fits `capacity`.
    ///
    /// - Returns: `false` (and stores nothing) if the entry alone is over `maxObject` or
    ///   `capacity`.
    @discardableResult
    public func insert(_ key: String, _ entry: CacheEntry) throws -> Bool {
        guard entry.size <= maxObject, entry.size <= capacity else { return false }
        // The node is made before the lock, and the nodes that leave are freed after it (when
        // `gone` goes out of scope): other workers wait only for the list work itself.
        let node = Node(key: key, entry: entry)
        var gone: [Node] = []
        gone.reserveCapacity(4)
        lock.withLock {
            if let old = state.index.removeValue(forKey: key) {
                state.unlink(old)
                state.bytes -= old.entry.size
                gone.append(old)
            }
            state.index[key] = node
            state.pushFront(node)
            state.bytes += entry.size
            while state.bytes > capacity, let last = state.tail, last !== node {
                state.unlink(last)
                state.index[last.key] = nil
                state.bytes -= last.entry.size
                state.evictions += 1
                gone.append(last)
            }
        }
        return true
    }

    /// Removes the entry for `key`, if any (not counted as an eviction).
    public func remove(_ key: String) throws {
        lock.withLock {
            guard let node = state.index.removeValue(forKey: key) else { return }
            state.unlink(node)
            state.bytes -= node.entry.size
        }
    }

    /// How many entries are stored.
    public func count() throws -> Int { lock.withLock { state.index.count } }
    /// The bytes the entries use.
    public func bytes() throws -> Int { lock.withLock { state.bytes } }
    /// How many entries were evicted to make room.
    public func evictions() throws -> Int { lock.withLock { state.evictions } }

    /// The keys from most to least recently used.
    public func keys() throws -> [String] {
        lock.withLock {
            var keys: [String] = []
            var node = state.head
            while let current = node {
                keys.append(current.key)
                node = current.next
            }
            return keys
        }
    }
}
