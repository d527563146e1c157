/// Starting plain operating-system threads.
///
/// Blocking socket code (a server's accept loop, a worker in a pool) runs on threads of its
/// own, never on Swift's cooperative task pool: that pool has one thread per core, and on a
/// 2-core machine two blocked `recv` calls would starve everything else.

/// Starts `body` on a new detached thread.
///
/// - Parameter body: the work; the thread ends when it returns.
/// The corresponding C call is `pthread_create(3)`.
public func startThread(_ body: @escaping @Sendable () -> Void) {
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    let result = Platform.startDetachedThread(context)
    precondition(result == 0, "pthread_create failed: \(Platform.describe(errno: result))")
}

/// What a new thread runs: the `context` that `startThread` passed to `pthread_create`.
func runThread(_ context: UnsafeMutableRawPointer) {
    Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().body()
}

/// The closure a new thread runs, boxed so it fits through C's `void *` argument.
final class ThreadBody: @unchecked Sendable {  // Sendable: written once, before the thread starts.
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
