/// A lock with a condition variable: the classic monitor.
///
/// `Mutex` (from Synchronization) protects state, but cannot make a thread sleep until that
/// state changes. A monitor can: a reader that finds its buffer empty calls `wait`, and the
/// thread that fills the buffer calls `broadcast` to wake it. Always wait in a loop that
/// re-checks the condition, because a wake-up only means "look again".
///
/// ```swift
/// monitor.withLock {
///     while queue.isEmpty && !closed { monitor.wait(until: deadline) }
///     …
/// }
/// ```
internal import NetLabSystem

public final class Monitor: @unchecked Sendable {  // Sendable: the pthread mutex guards every use.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    public init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` holding the lock.
    /// The corresponding C calls are `pthread_mutex_lock(3)` and `pthread_mutex_unlock(3)`.
    public func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Releases the lock, sleeps until `broadcast` or the deadline, and takes the lock again.
    /// Call it only inside `withLock`.
    ///
    /// - Parameter deadline: a `SystemTime().now()` value, or `nil` to wait for a broadcast.
    /// The corresponding C call is `pthread_cond_timedwait(3)`.
    public func wait(until deadline: Double?) {
        guard let deadline else {
            pthread_cond_wait(condition, mutex)
            return
        }
        let remaining = deadline - SystemTime().now()
        guard remaining > 0 else { return }
        // pthread_cond_timedwait takes a wall-clock time, so turn the monotonic deadline
        // into one.
        let wall = SystemTime.wallClock() + remaining
        var time = timespec()
        time.tv_sec = .init(wall)
        time.tv_nsec = .init((wall - Double(Int(wall))) * 1e9)
        pthread_cond_timedwait(condition, mutex, &time)
    }

    /// Wakes every thread waiting in `wait`.
    /// The corresponding C call is `pthread_cond_broadcast(3)`.
    public func broadcast() {
        pthread_cond_broadcast(condition)
    }
}
