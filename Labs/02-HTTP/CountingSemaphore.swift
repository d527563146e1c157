import NetLabKit
import NetLabSystem

/// A counting semaphore: a number of permits, taken by `wait` and given back by `signal`.
///
/// Dijkstra's P and V. The server's bounded queue uses two: one counts the free slots (the
/// acceptor takes one before adding a connection), the other the filled slots (a worker
/// takes one before removing a connection).
///
/// TODO: build it from a pthread mutex and a condition variable (`pthread_mutex_t`,
/// `pthread_cond_t`). They must not move in memory once initialised, so allocate them
/// with `UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)` and free them in
/// `deinit`. Then mark the class `@unchecked Sendable` (instead of `Sendable`) with a
/// comment naming the lock that makes that true.
public final class CountingSemaphore: Sendable {
    /// - Throws: `SocketError.systemCall` if the mutex or condition cannot be made.
    /// The corresponding C calls are `pthread_mutex_init(3)` and `pthread_cond_init(3)`.
    public init(_ value: Int) throws {
        throw NotImplemented("CountingSemaphore.init")
    }

    /// Takes a permit, blocking until one is available (P).
    ///
    /// TODO: lock; `while` no permits, `pthread_cond_wait`; take one; unlock. A `while`,
    /// not an `if`: condition variables may wake without a signal.
    public func wait() {
    }

    /// Takes a permit if one is available now.
    ///
    /// - Returns: `true` if it took one, `false` (without waiting) if there was none.
    public func tryWait() -> Bool {
        false  // TODO
    }

    /// Gives a permit back, waking one waiting thread (V).
    /// The corresponding C call is `pthread_cond_signal(3)`.
    public func signal() {
        // TODO
    }

    /// The permits available right now (already stale when you read it: for logs and tests).
    public var value: Int {
        0  // TODO
    }
}
