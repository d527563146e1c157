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

    /// Connections parked since the poll thread last looked. There are several, chosen by
    /// descriptor, so that workers parking at the same moment rarely wait for one lock.
    private final class Arrivals: Sendable {
        let parked = Mutex<[Parked]>([])
    }

    private let arrivals = (0..<16).map { _ in Arrivals() }
    private let stopped = Atomic<Bool>(false)
    /// A wake-up is on its way to the poll thread; one is enough until it has looked.
    private let wakeUpSent = Atomic<Bool>(false)
    /// Connections parked and not yet handed back or closed (for `count`).
    private let parkedCount = Atomic<Int>(0)
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
        let entry = Parked(connection: connection, deadline: clock.now() + idleTimeout)
        let slot = arrivals[Int(max(0, connection.descriptor)) % arrivals.count]
        let parked = slot.parked.withLock { parked in
            // Checked under the lock that `stop()` also takes: either it sees this entry,
            // or this sees `stopped`.
            if stopped.load(ordering: .acquiring) { return false }
            parked.append(entry)
            return true
        }
        guard parked else {
            connection.close()
            return
        }
        parkedCount.wrappingAdd(1, ordering: .relaxed)
        // The poll thread takes the arrivals after clearing `wakeUpSent`: if it is already
        // set, a wake-up is on its way and the poll thread will look again.
        if !wakeUpSent.exchange(true, ordering: .acquiringAndReleasing) { wakeUp.wakeUp() }
    }

    /// Connections parked right now (a moment ago: other threads park and take them).
    var count: Int { parkedCount.load(ordering: .relaxed) }

    /// Closes every parked connection and ends the poll thread.
    func stop() {
        stopped.store(true, ordering: .releasing)
        for slot in arrivals {
            for entry in slot.parked.withLock({ $0 }) { entry.connection.close() }
        }
        wakeUp.wakeUp()  // The poll thread closes the ones it watches, and ends.
    }

    private func run() {
        var watched: [Int32: Parked] = [:]  // By descriptor.
        var refused: [TCPSocket] = []  // Readable, but the queue was full: offered again soon.
        var set = PollSet()
        while true {
            // Take in what was parked since the last round.
            wakeUpSent.store(false, ordering: .releasing)
            if stopped.load(ordering: .acquiring) {
                for entry in watched.values { entry.connection.close() }
                for connection in refused { connection.close() }
                return
            }
            var taken: [Parked] = []
            for slot in arrivals {
                slot.parked.withLock { swap(&taken, &$0) }
                for entry in taken {
                    let descriptor = entry.connection.descriptor
                    if descriptor >= 0 {
                        watched[descriptor] = entry
                    } else {
                        parkedCount.wrappingSubtract(1, ordering: .relaxed)  // Closed meanwhile.
                    }
                }
                taken.removeAll(keepingCapacity: true)
            }
            refused = refused.filter { !handBack($0) }

            // Close what has been silent too long; watch the rest, and the wake-up pipe.
            let now = clock.now()
            var nextDeadline = Double.infinity
            set.removeAll()
            set.add(wakeUp.descriptor)
            for (descriptor, entry) in watched {
                if entry.deadline <= now {
                    entry.connection.close()
                    parkedCount.wrappingSubtract(1, ordering: .relaxed)
                    watched[descriptor] = nil
                } else {
                    set.add(descriptor)
                    nextDeadline = min(nextDeadline, entry.deadline)
                }
            }
            var timeout: Double? = nextDeadline.isFinite ? nextDeadline - now : nil
            if !refused.isEmpty { timeout = min(timeout ?? 0.005, 0.005) }
            let descriptors: [Int32]
            do {
                descriptors = try set.wait(timeout: timeout)
            } catch {
                descriptors = []
                sleep(seconds: 0.001)  // Should not happen; never spin if it does.
            }

            // Hand every readable connection back to the server.
            for descriptor in descriptors {
                if descriptor == wakeUp.descriptor {
                    wakeUp.drain()
                } else if let entry = watched.removeValue(forKey: descriptor), !handBack(entry.connection) {
                    refused.append(entry.connection)
                }
            }
        }
    }

    /// Offers a readable connection to the server; `false` if it could not take it yet.
    private func handBack(_ connection: TCPSocket) -> Bool {
        guard ready(connection) else { return false }
        parkedCount.wrappingSubtract(1, ordering: .relaxed)
        return true
    }
}
