import NetLabKit

/// The server's queue of connections waiting for a worker: your `BoundedQueue` once you have
/// written it (part 3), and until then a given stand-in, so that a part 2 server runs before
/// part 3 is done.
///
/// The stand-in is a plain monitor (`Monitor`, a lock with a condition variable) around an
/// array. It is only a bridge: part 3's tests use your `BoundedQueue` itself, never this.
final class ConnectionQueue: Sendable {
    private enum Storage: Sendable {
        case bounded(BoundedQueue<TCPSocket>)
        case standIn(StandInQueue)
    }

    private let storage: Storage

    /// - Parameter capacity: how many connections may wait (at least 1).
    /// - Throws: what `BoundedQueue.init` throws, unless it is `NotImplemented`.
    init(capacity: Int) throws {
        do {
            storage = .bounded(try BoundedQueue<TCPSocket>(capacity: capacity))
        } catch is NotImplemented {
            storage = .standIn(StandInQueue(capacity: max(1, capacity)))
        }
    }

    /// Whether the server runs on the stand-in, because `BoundedQueue` is not written yet.
    var isStandIn: Bool {
        if case .standIn = storage { return true }
        return false
    }

    /// Adds a connection if there is room now; `false` if the queue is full. Never waits.
    func offer(_ connection: TCPSocket) throws -> Bool {
        switch storage {
        case .bounded(let queue): try queue.offer(connection)
        case .standIn(let queue): try queue.offer(connection)
        }
    }

    /// Removes the oldest connection, waiting for one. Throws once closed and empty.
    func take() throws -> TCPSocket {
        switch storage {
        case .bounded(let queue): try queue.take()
        case .standIn(let queue): try queue.take()
        }
    }

    /// Connections waiting now.
    var count: Int {
        switch storage {
        case .bounded(let queue): queue.count
        case .standIn(let queue): queue.count
        }
    }

    /// Wakes every waiting `take`; later `offer`s throw.
    func close() {
        switch storage {
        case .bounded(let queue): queue.close()
        case .standIn(let queue): queue.close()
        }
    }
}

/// The stand-in: a bounded first-in, first-out queue on one monitor.
final class StandInQueue: @unchecked Sendable {  // Sendable: `items` and `closed` are guarded by `monitor`.
    private let monitor = Monitor()
    private var items: [TCPSocket] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func offer(_ connection: TCPSocket) throws -> Bool {
        try monitor.withLock {
            if closed { throw BoundedQueue<TCPSocket>.Closed() }
            guard items.count < capacity else { return false }
            items.append(connection)
            monitor.broadcast()
            return true
        }
    }

    func take() throws -> TCPSocket {
        try monitor.withLock {
            while items.isEmpty && !closed { monitor.wait(until: nil) }
            if items.isEmpty { throw BoundedQueue<TCPSocket>.Closed() }
            return items.removeFirst()
        }
    }

    var count: Int { monitor.withLock { items.count } }

    func close() {
        monitor.withLock {
            closed = true
            monitor.broadcast()
        }
    }
}
