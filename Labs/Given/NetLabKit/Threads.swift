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
    final class Box: @unchecked Sendable {  // Sendable: written once before the thread starts.
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
    #if canImport(Glibc)
    var thread = pthread_t()
    #else
    var thread: pthread_t?
    #endif
    let result = pthread_create(&thread, nil, { raw in
        #if canImport(Glibc)
        let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
        #else
        let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
        #endif
        box.body()
        return nil
    }, context)
    precondition(result == 0, "pthread_create failed: \(Platform.describe(errno: result))")
    #if canImport(Glibc)
    pthread_detach(thread)
    #else
    if let thread { pthread_detach(thread) }
    #endif
}
