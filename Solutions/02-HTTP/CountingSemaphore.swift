import NetLabKit
import NetLabSystem

/// A counting semaphore: a number of permits, taken by `wait` and given back by `signal`.
///
/// Dijkstra's P and V. The server's bounded queue uses two: one counts the free slots (the
/// acceptor takes one before adding a connection), the other the filled slots (a worker
/// takes one before removing a connection). Built from a pthread mutex and a condition
/// variable, which is how the operating system's own semaphores work inside.
public final class CountingSemaphore: @unchecked Sendable {  // Sendable: `permits` is guarded by `mutex`.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var permits: Int

    /// - Parameter value: the permits available at the start (0 or more).
    /// - Throws: `SocketError.systemCall` if the mutex or condition cannot be made.
    /// The corresponding C calls are `pthread_mutex_init(3)` and `pthread_cond_init(3)`.
    public init(_ value: Int) throws {
        permits = max(0, value)
        let mutexResult = pthread_mutex_init(mutex, nil)
        let conditionResult = pthread_cond_init(condition, nil)
        guard mutexResult == 0, conditionResult == 0 else {
            mutex.deallocate()
            condition.deallocate()
            throw SocketError.systemCall(
                call: "pthread_mutex_init", errno: mutexResult != 0 ? mutexResult : conditionResult)
        }
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Takes a permit, blocking until one is available (P).
    /// The corresponding C calls are `pthread_mutex_lock(3)` and `pthread_cond_wait(3)`.
    public func wait() {
        pthread_mutex_lock(mutex)
        // A loop, not an `if`: condition variables may wake without a signal.
        while permits == 0 { pthread_cond_wait(condition, mutex) }
        permits -= 1
        pthread_mutex_unlock(mutex)
    }

    /// Takes a permit if one is available now.
    ///
    /// - Returns: `true` if it took one, `false` (without waiting) if there was none.
    public func tryWait() -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard permits > 0 else { return false }
        permits -= 1
        return true
    }

    /// Gives a permit back, waking one waiting thread (V).
    /// The corresponding C call is `pthread_cond_signal(3)`.
    public func signal() {
        pthread_mutex_lock(mutex)
        permits += 1
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    /// The permits available right now (already stale when you read it: for logs and tests).
    public var value: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return permits
    }
}
