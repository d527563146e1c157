/// The sending half of a `LossyChannel`: faults, the rate-limited link, and the delay line
/// whose thread sends delayed datagrams when they fall due.
import NetLabKit
import Synchronization

final class OutboundPath: @unchecked Sendable {  // Sendable: mutable state is behind `monitor`.
    private let socket: UDPSocket
    private let local: SocketAddress
    private let pcap: PcapWriter?
    private let passThrough: Bool
    private let faults: Faults
    private let monitor = Monitor()
    // Everything below is guarded by `monitor`.
    private var injector: FaultInjector
    private var queue = DelayQueue<(bytes: [UInt8], destination: SocketAddress)>()
    private var linkFreeAt = 0.0
    private var state = ChannelCounters.Direction()
    private var threadStarted = false
    private var stopped = false

    init(socket: UDPSocket, faults: Faults, local: SocketAddress, pcap: PcapWriter?) {
        self.socket = socket
        self.local = local
        self.pcap = pcap
        self.faults = faults
        passThrough = faults.isPerfect
        injector = FaultInjector(faults: faults, stream: 0)
    }

    var counters: ChannelCounters.Direction { monitor.withLock { state } }

    func send(_ bytes: [UInt8], to destination: SocketAddress, now: Double) throws {
        if passThrough {
            monitor.withLock {
                state.datagrams += 1
                state.bytes += bytes.count
                state.delivered += 1
            }
            try socket.send(bytes, to: destination)
            pcap?.record(bytes, from: local, to: destination, dropped: false)
            return
        }
        var sendNow: [[UInt8]] = []
        var droppedCopy: [UInt8]?
        monitor.withLock {
            state.datagrams += 1
            state.bytes += bytes.count
            switch injector.decide(bytes) {
            case .dropped(let burst):
                if burst { state.burstDropped += 1 } else { state.dropped += 1 }
                droppedCopy = bytes
            case .delivered(let copies, let corrupted):
                if corrupted { state.corrupted += 1 }
                if copies.count > 1 { state.duplicated += 1 }
                for copy in copies {
                    var departure = now
                    if let rate = faults.rate {
                        // The link sends one datagram after another at `rate`; a datagram
                        // that would wait behind more than `queueLimit` bytes is dropped.
                        let start = max(now, linkFreeAt)
                        if (start - now) * rate > Double(faults.queueLimit) {
                            state.queueDropped += 1
                            droppedCopy = copy.bytes
                            continue
                        }
                        linkFreeAt = start + Double(copy.bytes.count) / rate
                        departure = linkFreeAt
                    }
                    let due = departure + copy.delay
                    if due <= now {
                        sendNow.append(copy.bytes)
                    } else {
                        state.delayed += 1
                        queue.insert((copy.bytes, destination), due: due)
                        startThreadIfNeeded()
                        monitor.broadcast()
                    }
                }
            }
        }
        if let droppedCopy { pcap?.record(droppedCopy, from: local, to: destination, dropped: true) }
        for copy in sendNow {
            try socket.send(copy, to: destination)
            monitor.withLock { state.delivered += 1 }
            pcap?.record(copy, from: local, to: destination, dropped: false)
        }
    }

    /// Ends the delay thread; queued datagrams are discarded.
    func stop() {
        monitor.withLock {
            stopped = true
            queue.removeAll()
            monitor.broadcast()
        }
    }

    /// Call with the monitor held.
    private func startThreadIfNeeded() {
        guard !threadStarted, !stopped else { return }
        threadStarted = true
        startThread { [self] in runDelayLine() }
    }

    /// The delay line: sleeps until the earliest datagram is due, sends it, repeats.
    private func runDelayLine() {
        let clock = SystemTime()
        while true {
            let next: (bytes: [UInt8], destination: SocketAddress)? = monitor.withLock {
                while !stopped {
                    if let item = queue.popDue(now: clock.now()) { return item }
                    monitor.wait(until: queue.nextDue ?? clock.now() + 1)
                }
                return nil
            }
            guard let next else { return }
            // A send error here is a datagram lost on the way, as on a real network.
            if (try? socket.send(next.bytes, to: next.destination)) != nil {
                monitor.withLock { state.delivered += 1 }
                pcap?.record(next.bytes, from: local, to: next.destination, dropped: false)
            }
        }
    }
}
