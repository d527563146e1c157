import NetLabKit
import Synchronization

/// Runs work on threads of its own, at most `limit` at a time.
///
/// A server that starts a thread for every request can be made to start thousands: each
/// costs memory, and the machine slows for everyone. A budget says no instead, and the
/// server answers "busy" (SERVFAIL, or a closed connection) at once.
///
/// ```swift
/// let connections = ThreadBudget(limit: 64)
/// if !connections.start({ serve(connection) }) { connection.close() }
/// ```
public final class ThreadBudget: Sendable {
    /// The most threads of this budget that run at once.
    public let limit: Int
    private let running = Atomic<Int>(0)

    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// How many of this budget's threads are running now.
    public var count: Int { running.load(ordering: .relaxed) }

    /// Starts `work` on a new thread, unless `limit` threads of this budget are running.
    ///
    /// - Returns: `true` if the thread started; `false`, without running `work`, if the
    ///   budget is spent.
    @discardableResult
    public func start(_ work: @escaping @Sendable () -> Void) -> Bool {
        if running.add(1, ordering: .relaxed).newValue > limit {
            running.subtract(1, ordering: .relaxed)
            return false
        }
        startThread { [self] in
            work()
            running.subtract(1, ordering: .relaxed)
        }
        return true
    }
}
