/// Waiting on many descriptors at once, and waking a thread that waits.
///
/// A blocked `receive` watches one socket and costs a thread. One `poll(2)` call watches
/// thousands of sockets from one thread: this is how event-driven servers (nginx, Apache's
/// event MPM) keep idle keep-alive connections without a thread for each.
internal import NetLabSystem

/// A set of descriptors to wait on until one of them can be read.
///
/// ```swift
/// var set = PollSet()
/// set.add(socket.descriptor)
/// for descriptor in try set.wait(timeout: 1) { … }   // empty after 1 s of silence
/// ```
public struct PollSet {
    private var entries: [pollfd] = []

    public init() {}

    /// How many descriptors the set holds.
    public var count: Int { entries.count }

    /// Watches `descriptor` for reading.
    public mutating func add(_ descriptor: Int32) {
        entries.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
    }

    /// Empties the set, keeping its memory for the next round.
    public mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
    }

    /// Waits until at least one descriptor can be read without blocking, or `seconds` pass.
    ///
    /// "Can be read" includes a peer that closed (the read returns 0 bytes) and a socket in
    /// error (the read fails at once): either way a read does not block.
    ///
    /// - Parameter seconds: how long to wait at most; `nil` waits forever, 0 only looks.
    /// - Returns: the ready descriptors in the order they were added; empty on a timeout.
    /// - Throws: `SocketError.systemCall` if the call fails (a signal is retried).
    /// The corresponding C call is `poll(2)`.
    public mutating func wait(timeout seconds: Double?) throws(SocketError) -> [Int32] {
        let milliseconds: Int32
        if let seconds {
            milliseconds = Int32(max(0, min(seconds * 1_000, Double(Int32.max))).rounded(.up))
        } else {
            milliseconds = -1
        }
        for index in entries.indices { entries[index].revents = 0 }
        let count = nfds_t(entries.count)
        let ready = try retryingInterrupts("poll") {
            entries.withUnsafeMutableBufferPointer { poll($0.baseAddress, count, milliseconds) }
        }
        guard ready > 0 else { return [] }
        return entries.filter { $0.revents != 0 }.map(\.fd)
    }
}

/// A pipe that wakes a thread blocked in `PollSet.wait`: put `descriptor` in the set, and
/// any other thread may call `wakeUp()`.
///
/// ```swift
/// let wake = try WakeUpPipe()
/// set.add(wake.descriptor)      // the waiting thread
/// wake.wakeUp()                 // another thread: the wait returns now
/// ```
public final class WakeUpPipe: Sendable {
    /// The read end, to add to a `PollSet`.
    public let descriptor: Int32
    private let writeEnd: Int32

    /// Opens the pipe. Both ends are non-blocking, so neither call below ever waits.
    ///
    /// - Throws: `SocketError.systemCall` if the process is out of descriptors.
    /// The corresponding C call is `pipe(2)`.
    public init() throws(SocketError) {
        var ends: [Int32] = [-1, -1]
        try retryingInterrupts("pipe") { ends.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) } }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        _ = System.close(descriptor)
        _ = System.close(writeEnd)
    }

    /// Makes `descriptor` readable, so a `PollSet.wait` that watches it returns. If the
    /// pipe is already full, the waiter has a wake-up waiting anyway.
    /// The corresponding C call is `write(2)`.
    public func wakeUp() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Reads away every wake-up sent so far, so the next wait blocks again.
    /// The corresponding C call is `read(2)`.
    public func drain() {
        var scratch = [UInt8](repeating: 0, count: 256)
        while scratch.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}
