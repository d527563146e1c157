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
///
/// TODO: two `CountingSemaphore`s and a `Mutex` around a ring buffer (an array of
/// `capacity` optionals, a head index and a count) and a `closed` flag. Then the class can
/// be `Sendable` (all its stored properties will be).
public final class BoundedQueue<Element: Sendable>: Sendable {
    /// The queue was closed: no more items will come.
    public struct Closed: Error, Sendable {}

    public let capacity: Int

    /// - Parameter capacity: how many items fit (at least 1).
    /// - Throws: if the semaphores cannot be made.
    public init(capacity: Int) throws {
        self.capacity = max(1, capacity)
        throw NotImplemented("BoundedQueue.init")
    }

    /// Adds an item if there is room now; never waits.
    ///
    /// - Returns: `false` if the queue is full (the server then answers 503).
    /// - Throws: `Closed` once `close()` was called.
    public func offer(_ item: Element) throws -> Bool {
        throw NotImplemented("BoundedQueue.offer")
    }

    /// Adds an item, waiting for room.
    /// - Throws: `Closed` once `close()` was called.
    public func put(_ item: Element) throws {
        throw NotImplemented("BoundedQueue.put")
    }

    /// Removes the oldest item, waiting until there is one.
    /// - Throws: `Closed` once the queue is closed and empty.
    ///
    /// TODO: how does a consumer blocked in `filled.wait()` learn that the queue closed?
    /// `close()` signals `filled` once; a consumer that wakes to an empty, closed queue
    /// signals it again for the next one, and throws.
    public func take() throws -> Element {
        throw NotImplemented("BoundedQueue.take")
    }

    /// Items waiting now.
    public var count: Int {
        0  // TODO
    }

    /// Closes the queue: waiting and future `take`s throw `Closed` once it is empty, and
    /// `put`/`offer` throw at once. Items already queued can still be taken.
    public func close() {
        // TODO
    }
}
