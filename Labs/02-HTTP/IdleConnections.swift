import NetLabKit
import Synchronization

/// Keep-alive connections between requests, watched by one thread with `poll(2)` instead of
/// a blocked worker each. Given to you: it is how Apache's "event" design keeps a small
/// pool of workers from being used up by clients that are merely connected.
///
/// A browser keeps about six connections open to a site, mostly silent. If each silent
/// connection held a worker until its idle timeout, eight workers would be used up by two
/// browsers, and the next client would wait seconds for a worker. Instead a worker that has
/// answered every request on a connection *parks* it here and takes the next connection
/// from the queue. This thread waits on all parked connections at once:
///
/// - a connection with bytes to read (its next request, or the client closing) goes back
///   to the server through `ready`, which offers it to the queue, so a worker serves it;
/// - a connection silent for its whole idle timeout is closed.
final class IdleConnections: Sendable {
    private struct Parked {
        let connection: TCPSocket
        let deadline: Double
    }

    private struct State {
        /// The parked connections, by descriptor.
        var parked: [Int32: Parked] = [:]
        var stopped = false
        /// The poll thread is in (or about to enter) `poll`: a newly parked connection must
        /// wake it, or it would not be watched until the next wake-up.
        var polling = false
        /// A wake-up is already on its way; one is enough.
        var wakeUpSent = false
    }

    private let state = Mutex(State())
    private let wakeUp: WakeUpPipe
    private let ready: @Sendable (TCPSocket) -> Bool
    private let clock = SystemTime()

    /// - Parameter ready: called on the poll thread with each parked connection that has
    ///   become readable. Return `true` once it is taken care of (queued for a worker), or
    ///   `false` if it cannot be taken now (the queue is full): it is offered again a few
    ///   milliseconds later, and its bytes wait in the kernel meanwhile.
    /// - Throws: `SocketError` if the wake-up pipe cannot be made (out of descriptors).
    init(ready: @escaping @Sendable (TCPSocket) -> Bool) throws {
        wakeUp = try WakeUpPipe()
        self.ready = ready
    }

    /// Starts the poll thread. Call it once.
    func start() {
        startThread { [self] in run() }
    }

    /// Hands over an open connection with no request pending. Once `stop()` has been
    /// called, the connection is closed at once instead.
    ///
    /// - Parameter idleTimeout: seconds it may stay silent before it is closed.
    func park(_ connection: TCPSocket, idleTimeout: Double) {
        let descriptor = connection.descriptor
        let deadline = clock.now() + idleTimeout
        let (parked, mustWake) = state.withLock { state -> (Bool, Bool) in
            guard !state.stopped, descriptor >= 0 else { return (false, false) }
            state.parked[descriptor] = Parked(connection: connection, deadline: deadline)
            guard state.polling, !state.wakeUpSent else { return (true, false) }
            state.wakeUpSent = true
            return (true, true)
        }
        if !parked { connection.close() }
        if mustWake { wakeUp.wakeUp() }
    }

    /// Connections parked right now.
    var count: Int { state.withLock { $0.parked.count } }

    /// Closes every parked connection and ends the poll thread.
    func stop() {
        let connections = state.withLock { state in
            defer {
                state.stopped = true
                state.parked = [:]
            }
            return state.parked.values.map(\.connection)
        }
        for connection in connections { connection.close() }
        wakeUp.wakeUp()
    }

    private func run() {
        var set = PollSet()
        var refused: [TCPSocket] = []  // Readable, but the queue was full: offered again soon.
        while true {
            refused = refused.filter { !ready($0) }

            // Close what has been idle too long, and watch the rest (and the wake-up pipe).
            let now = clock.now()
            var expired: [TCPSocket] = []
            var nextDeadline = Double.infinity
            set.removeAll()
            set.add(wakeUp.descriptor)
            let stopped = state.withLock { state -> Bool in
                if state.stopped { return true }
                for (descriptor, entry) in state.parked {
                    if entry.deadline <= now {
                        expired.append(entry.connection)
                        state.parked[descriptor] = nil
                    } else {
                        set.add(descriptor)
                        nextDeadline = min(nextDeadline, entry.deadline)
                    }
                }
                state.polling = true
                return false
            }
            if stopped {
                for connection in refused { connection.close() }
                return
            }
            for connection in expired { connection.close() }

            var timeout: Double? = nextDeadline.isFinite ? nextDeadline - now : nil
            if !refused.isEmpty { timeout = min(timeout ?? 0.005, 0.005) }
            let descriptors: [Int32]
            do {
                descriptors = try set.wait(timeout: timeout)
            } catch {
                descriptors = []
                sleep(seconds: 0.001)  // Should not happen; never spin if it does.
            }

            if descriptors.first == wakeUp.descriptor { wakeUp.drain() }
            let readable = state.withLock { state in
                state.polling = false
                state.wakeUpSent = false
                return descriptors.compactMap { state.parked.removeValue(forKey: $0)?.connection }
            }
            for connection in readable where !ready(connection) { refused.append(connection) }
        }
    }
}
