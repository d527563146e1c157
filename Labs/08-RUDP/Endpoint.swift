/// One UDP socket and the connections that share it, with the thread that runs them.
///
/// The loop receives a datagram, decodes it, and hands it to the connection it belongs
/// to, found by (sender's address, connection ID): a segment from anywhere else is ignored.
/// Between datagrams it fires retransmission timers. A listening endpoint also creates a
/// connection for each new SYN, and queues it for `accept` once its handshake completes.
import NetLabChannel
import NetLabKit

final class Endpoint: @unchecked Sendable {  // Sendable: mutable state is guarded by `monitor`.
    struct Key: Hashable {
        let peer: SocketAddress
        let id: UInt32
    }

    let channel: LossyChannel
    let options: TransportOptions
    let accepting: Bool
    let monitor = Monitor()
    /// The most connections a listener keeps at once; more SYNs are ignored.
    let maximumConnections = 256
    // Guarded by `monitor`.
    private var connections: [Key: RUDPConnection] = [:]
    private var acceptQueue: [RUDPConnection] = []
    private var running = true
    private var started = false
    private var stopped = false
    private var malformed = 0
    /// The socket's receive buffer in bytes; it caps every connection's advertised window.
    private let socketBuffer: Int

    init(channel: LossyChannel, options: TransportOptions, accepting: Bool) {
        self.channel = channel
        self.options = options
        self.accepting = accepting
        socketBuffer = (try? channel.socket.receiveBufferSize()) ?? 212_992
    }

    /// Sends bytes through the channel; a refused send counts as a loss.
    var transmitter: @Sendable ([UInt8], SocketAddress) -> Void {
        { [channel] bytes, destination in try? channel.send(bytes, to: destination) }
    }

    func register(_ connection: RUDPConnection) {
        connection.monitor.withLock { connection.socketBuffer = socketBuffer }
        monitor.withLock { connections[Key(peer: connection.peer, id: connection.connectionID)] = connection }
    }

    func start() {
        monitor.withLock { started = true }
        startThread { [self] in run() }
    }

    /// Stops the loop and closes the socket. Returns once the loop has stopped (it checks
    /// every 50 ms or so), so nothing more is answered from this socket after it returns.
    func stop() {
        let clock = SystemTime()
        let deadline = clock.now() + 2
        monitor.withLock {
            running = false
            monitor.broadcast()
            while !stopped && started && clock.now() < deadline {
                monitor.wait(until: min(deadline, clock.now() + 0.01))
            }
        }
    }

    /// Waits for the next established connection.
    func accept(timeout: Double?) throws -> RUDPConnection {
        let clock = SystemTime()
        let deadline = timeout.map { clock.now() + $0 }
        return try monitor.withLock {
            while acceptQueue.isEmpty {
                if !running { throw RUDPError.closed }
                if let deadline, clock.now() >= deadline { throw RUDPError.timedOut }
                monitor.wait(until: min(deadline ?? .infinity, clock.now() + 0.1))
            }
            return acceptQueue.removeFirst()
        }
    }

    private func run() {
        let clock = SystemTime()
        var touched: [RUDPConnection] = []
        while monitor.withLock({ running }) {
            let current = monitor.withLock { Array(connections.values) }
            let now = clock.now()
            let nextTimer = current.compactMap(\.nextDeadline).min() ?? now + 0.05
            let wait = max(0, min(nextTimer - now, 0.05))
            do {
                if let datagram = try channel.receive(timeout: wait) {
                    route(datagram, into: &touched)
                    // Drain what else is ready, then acknowledge once for the batch.
                    var batch = 1
                    while batch < 64, let more = try channel.receive(timeout: 0) {
                        route(more, into: &touched)
                        batch += 1
                    }
                }
            } catch {
                break  // the socket was closed
            }
            for connection in touched { connection.flushAcknowledgment() }
            touched.removeAll(keepingCapacity: true)
            let after = clock.now()
            for connection in current { try? connection.checkTimers(now: after) }
            let finished = current.filter { $0.isFinished(now: after) }
            if !finished.isEmpty {
                let done = monitor.withLock { () -> Bool in
                    for connection in finished {
                        connections[Key(peer: connection.peer, id: connection.connectionID)] = nil
                    }
                    return !accepting && connections.isEmpty
                }
                if done { break }
            }
        }
        monitor.withLock {
            running = false
            stopped = true
            monitor.broadcast()
        }
        channel.close()
    }

    private func route(_ datagram: LossyChannel.Datagram, into touched: inout [RUDPConnection]) {
        guard let segment = try? Segment.decode(datagram.bytes) else {
            monitor.withLock { malformed += 1 }  // damaged or not RUDP: drop it
            return
        }
        let key = Key(peer: datagram.from, id: segment.connectionID)
        let now = SystemTime().now()
        if let connection = monitor.withLock({ connections[key] }) {
            try? connection.handle(segment, now: now)
            if !touched.contains(where: { $0 === connection }) { touched.append(connection) }
            return
        }
        guard accepting else { return }  // not ours: ignore it
        if segment.flags == [.syn] {
            let connection = RUDPConnection(
                id: segment.connectionID, peer: datagram.from, local: channel.localAddress, phase: .synReceived,
                options: options, transmit: transmitter)
            connection.remoteISN = segment.sequence
            connection.expected = 1
            connection.socketBuffer = socketBuffer
            connection.onEstablished = { [self] established in
                monitor.withLock {
                    acceptQueue.append(established)
                    monitor.broadcast()
                }
            }
            let admitted = monitor.withLock { () -> Bool in
                guard connections.count < maximumConnections else { return false }
                connections[key] = connection
                return true
            }
            if admitted { try? connection.open(now: now) }
        } else if !segment.flags.contains(.rst) {
            // A segment for a connection we do not know: tell the sender to stop.
            let reset = Segment(
                flags: [.rst, .ack], connectionID: segment.connectionID, sequence: segment.acknowledgment,
                acknowledgment: segment.sequence &+ segment.sequenceLength)
            if let bytes = try? reset.encode() { transmitter(bytes, datagram.from) }
        }
    }
}
