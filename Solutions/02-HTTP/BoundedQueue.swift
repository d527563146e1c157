import NetLabKit

import Synchronization

/// A fixed-size first-in, first-out queue shared by producer and consumer threads: the
/// classic bounded buffer.
///
/// `free` counts empty slots and `filled` counts items. A producer takes a free slot,
/// adds under the lock, and signals filled; a consumer takes a filled slot, removes under
/// the lock, and signals free. The lock is held only to touch the buffer, never while
/// waiting and never while the item is being used: a consumer that kept it while serving
/// its item would stop every other consumer.
public final class BoundedQueue<Element: Sendable>: Sendable {
    /// The queue was closed: no more items will come.
    public struct Closed: Error, Sendable {}

    private struct Buffer {
        var items: [Element?]
        var head = 0
        var count = 0
        var closed = false
    }

    private let free: CountingSemaphore
    private let filled: CountingSemaphore
    private let buffer: Mutex<Buffer>
    public let capacity: Int

    /// - Parameter capacity: how many items fit (at least 1).
    /// - Throws: if the semaphores cannot be made.
    public init(capacity: Int) throws {
        self.capacity = max(1, capacity)
        free = try CountingSemaphore(self.capacity)
        filled = try CountingSemaphore(0)
        buffer = Mutex(Buffer(items: Array(repeating: nil, count: self.capacity)))
    }

    /// Adds an item if there is room now; never waits.
    ///
    /// - Returns: `false` if the queue is full (the server then answers 503).
    /// - Throws: `Closed` once `close()` was called.
    public func offer(_ item: Element) throws -> Bool {
        guard free.tryWait() else { return false }
        try insert(item)
        return true
    }

    /// Adds an item, waiting for room.
    /// - Throws: `Closed` once `close()` was called.
    public func put(_ item: Element) throws {
        free.wait()
        try insert(item)
    }

    private func insert(_ item: Element) throws {
        let closed = buffer.withLock { buffer in
            if buffer.closed { return true }
            buffer.items[(buffer.head + buffer.count) % capacity] = item
            buffer.count += 1
            return false
        }
        if closed {
            free.signal()  // Pass the wake-up on to the next waiting producer.
            throw Closed()
        }
        filled.signal()
    }

    /// Removes the oldest item, waiting until there is one.
    /// - Throws: `Closed` once the queue is closed and empty.
    public func take() throws -> Element {
        filled.wait()
        let item: Element? = buffer.withLock { buffer in
            guard buffer.count > 0 else { return nil }
            let item = buffer.items[buffer.head]
            buffer.items[buffer.head] = nil
            buffer.head = (buffer.head + 1) % capacity
            buffer.count -= 1
            return item
        }
        guard let item else {
            filled.signal()  // Closed: wake the next consumer so it can leave too.
            throw Closed()
        }
        free.signal()
        return item
    }

    /// Items waiting now.
    public var count: Int { buffer.withLock { $0.count } }

    /// Closes the queue: waiting and future `take`s throw `Closed` once it is empty, and
    /// `put`/`offer` throw at once. Items already queued can still be taken.
    public func close() {
        let wasOpen = buffer.withLock { buffer in
            defer { buffer.closed = true }
            return !buffer.closed
        }
        if wasOpen {
            filled.signal()
            free.signal()
        }
    }
}
