import NetLabKit
import NetLabSystem
import Synchronization

/// An HTTP/1.1 server: one acceptor thread, a fixed pool of worker threads, a bounded queue
/// of connections between them, and one thread that watches idle keep-alive connections.
///
/// ```
///              new connection                       request waiting
/// acceptor ──offer──▶ [ queue: capacity N ] ──take──▶ worker 1 … worker T ──▶ handler
///     └─ queue full: 503      ▲                          │ answered, nothing more to read
///                             └── readable ── idle (poll) ◀── park
///                                               └─ silent for idleTimeout: close
/// ```
///
/// What it answers is up to its `handler`: `StaticFileHandler` serves a folder, and later
/// labs plug in a proxy and a web application.
///
/// ```swift
/// var configuration = ServerConfiguration(root: "site")
/// configuration.port = 0
/// let handler = StaticFileHandler(root: try StaticRoot(path: configuration.root))
/// let server = try HTTPServer(configuration: configuration, handler: handler)
/// let address = try server.start()      // bound and serving
/// …
/// server.stop()
/// ```
public final class HTTPServer: Sendable {
    public let configuration: ServerConfiguration
    /// What answers each request.
    public let handler: any HTTPHandler
    /// Connections with a request to read, waiting for a worker: your `BoundedQueue` (part
    /// 3), or a given stand-in until you have written it (`ConnectionQueue.swift`).
    let queue: ConnectionQueue
    /// Open connections with no request pending (given: `IdleConnections.swift`). When one
    /// becomes readable, it is offered to `queue` again.
    let idle: IdleConnections

    /// The listening socket, so `stop()` can close it and end the acceptor.
    let listener = Mutex<TCPListener?>(nil)
    /// One slot per worker (`configuration.threads` of them) for the connection it is
    /// serving: `stop()` closes those, and `activeConnections` counts them. Each worker
    /// uses only its own slot, so workers never wait for one another's lock.
    let slots: [WorkerSlot]
    /// Set once, by `stop()`. An atomic rather than a lock: every request reads it.
    let stopped = Atomic<Bool>(false)
    /// Workers serving a connection right now. The reference's `serve` reads it to decide
    /// whether a worker may wait a moment for a quiet client's next request. It is the
    /// same number as `activeConnections`, kept as one atomic because that one takes every
    /// slot's lock, and `serve` asks after every request.
    let busyWorkers = Atomic<Int>(0)
    /// Wakes `waitUntilStopped()`.
    let finished = Monitor()

    /// - Parameters:
    ///   - configuration: where to listen, how many workers, timeouts, limits, the log.
    ///   - handler: what answers each request.
    /// - Throws: if the queue or the idle set cannot be made.
    public init(configuration: ServerConfiguration, handler: any HTTPHandler) throws {
        self.configuration = configuration
        self.handler = handler
        slots = (0..<max(1, configuration.threads)).map { _ in WorkerSlot() }
        let queue = try ConnectionQueue(capacity: configuration.queueCapacity)
        self.queue = queue
        idle = try IdleConnections { connection in
            do {
                return try queue.offer(connection)
            } catch {
                connection.close()  // The queue is closed: the server is stopping.
                return true
            }
        }
    }

    /// Connections being served by a worker right now (idle ones are not counted).
    public var activeConnections: Int { slots.count { $0.connection.withLock { $0 != nil } } }

    /// Connections open right now: being served, or idle between requests. The access
    /// log's `active=` (nginx calls the same count "active connections").
    public var openConnections: Int { activeConnections + idle.count }

    /// Whether `stop()` has been called.
    var isStopped: Bool { stopped.load(ordering: .acquiring) }

    /// Blocks the calling thread until `stop()` is called.
    public func waitUntilStopped() {
        finished.withLock {
            while !isStopped { finished.wait(until: nil) }
        }
    }

    /// Wakes every thread in `waitUntilStopped()`; `stop()` calls it after setting `stopped`.
    func wakeWaitersForStop() {
        finished.withLock { finished.broadcast() }
    }
}

/// Where a worker keeps the connection it is serving, so other threads can find it.
final class WorkerSlot: Sendable {
    let connection = Mutex<TCPSocket?>(nil)
}

/// What `serve` leaves a connection as.
enum ConnectionState {
    /// Open, with no request pending: park it in `idle`.
    case idle
    /// Done: close it.
    case closing
}

/// What a connection remembers between requests.
struct Session {
    let connection: TCPSocket
    var dateSecond = -1
    var date = ""

    init(connection: TCPSocket) {
        self.connection = connection
    }

    /// The `Date` header, formatted once per second rather than once per request.
    mutating func now() -> (Int, String) {
        let second = Int(SystemTime.wallClock())
        if second != dateSecond {
            dateSecond = second
            date = (try? HTTPDate.format(second)) ?? ""
        }
        return (second, date)
    }
}
