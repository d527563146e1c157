/// A UDP socket that misbehaves on purpose, the way the Internet sometimes does.
///
/// Your transport sends and receives through a channel instead of a bare `UDPSocket`:
///
/// ```swift
/// let channel = try LossyChannel(bindingTo: SocketAddress(ip: "127.0.0.1", port: 0), faults: faults)
/// try channel.send(segment.encode(), to: peer)
/// if let datagram = try channel.receive(timeout: 0.05) { … datagram.bytes, datagram.from … }
/// ```
///
/// Faults apply in both directions: to what you send (on its way out) and to what arrives
/// (before `receive` returns it). Each direction draws from its own random stream derived
/// from `faults.seed`, so a run replays exactly for the same seed and the same traffic.
/// Delayed datagrams wait in a queue: outgoing ones are sent by a background thread when
/// due, incoming ones are handed out by `receive` when due, so jitter reorders both ways.
///
/// Thread safety: `send` may be called from any number of threads at once. `receive`
/// calls take turns (one reader at a time), which is what a transport's receive loop does.
import NetLabKit
import Synchronization

public final class LossyChannel: Sendable {
    /// One datagram and the address it came from.
    public struct Datagram: Sendable {
        public var bytes: [UInt8]
        public var from: SocketAddress
    }

    /// The socket underneath. Use it for its address; send and receive through the channel.
    public let socket: UDPSocket
    /// Where the socket is bound (with the real port if you bound port 0).
    public let localAddress: SocketAddress
    /// The faults this channel applies.
    public let faults: Faults

    private let outbound: OutboundPath
    private let inbound: Mutex<InboundState>
    private let reader: Mutex<[UInt8]>
    private let pcap: PcapWriter?
    private let clock = SystemTime()

    /// Wraps an existing socket.
    ///
    /// - Parameters:
    ///   - socket: a bound UDP socket. The channel closes it in `close()`.
    ///   - faults: what to do to the traffic; `.none` passes everything straight through.
    /// - Throws: `SocketError` if the socket's address cannot be read or the pcap file
    ///   cannot be created.
    public init(socket: UDPSocket, faults: Faults = .none) throws {
        self.socket = socket
        self.faults = faults
        localAddress = try socket.localAddress()
        pcap = try faults.pcapPath.map { try PcapWriter(path: $0) }
        outbound = OutboundPath(socket: socket, faults: faults, local: localAddress, pcap: pcap)
        inbound = Mutex(InboundState(injector: FaultInjector(faults: faults, stream: 1)))
        reader = Mutex([UInt8](repeating: 0, count: UDPSocket.maximumDatagramSize))
        // Large bursts of datagrams must not overflow the kernel's queue on a fast sender.
        try? socket.setReceiveBufferSize(4 << 20)
        try? socket.setSendBufferSize(4 << 20)
    }

    /// Opens a UDP socket bound to `address` and wraps it.
    public convenience init(bindingTo address: SocketAddress, faults: Faults = .none) throws {
        try self.init(socket: UDPSocket(bindingTo: address), faults: faults)
    }

    /// Sends one datagram through the faults: it may be dropped, damaged, duplicated or
    /// delayed (then a background thread sends it when due).
    ///
    /// - Throws: `SocketError` if the kernel refuses a datagram sent at once. A transport
    ///   may treat that like a loss.
    public func send(_ bytes: [UInt8], to destination: SocketAddress) throws {
        try outbound.send(bytes, to: destination, now: clock.now())
    }

    /// Waits up to `timeout` seconds for the next datagram that survives the faults.
    ///
    /// - Parameter timeout: seconds to wait; 0 returns at once if nothing is ready.
    /// - Returns: the datagram, or `nil` if none arrived in time.
    /// - Throws: `SocketError` if the socket fails (for example, it was closed).
    public func receive(timeout: Double) throws -> Datagram? {
        try reader.withLock { buffer -> Datagram? in
            let deadline = clock.now() + max(0, timeout)
            while true {
                let now = clock.now()
                let (ready, nextDue) = inbound.withLock { ($0.queue.popDue(now: now), $0.queue.nextDue) }
                if let ready { return deliver(ready) }
                let wakeUp = min(deadline, nextDue ?? deadline)
                let readable = try socket.waitUntilReadable(timeout: max(0, wakeUp - now))
                if readable {
                    let (count, sender) = try socket.receive(into: &buffer)
                    let bytes = Array(buffer[0..<count])
                    if faults.isPerfect { return deliver(Datagram(bytes: bytes, from: sender)) }
                    admit(bytes, from: sender, now: clock.now())
                } else if clock.now() >= deadline {
                    // One last look: a delayed datagram may have come due while we waited.
                    if let late = inbound.withLock({ $0.queue.popDue(now: clock.now()) }) { return deliver(late) }
                    return nil
                }
            }
        }
    }

    /// What the channel has done so far.
    public var counters: ChannelCounters {
        var result = ChannelCounters()
        result.outbound = outbound.counters
        result.inbound = inbound.withLock { $0.counters }
        return result
    }

    /// Stops the delay thread, closes the socket and the pcap file. Datagrams still waiting
    /// in a delay queue are discarded, like packets on a link that goes down.
    public func close() {
        outbound.stop()
        socket.close()
        pcap?.close()
    }

    /// Runs an arriving datagram through the inbound faults and queues what survives.
    private func admit(_ bytes: [UInt8], from sender: SocketAddress, now: Double) {
        let dropped = inbound.withLock { state -> Bool in
            state.counters.datagrams += 1
            state.counters.bytes += bytes.count
            switch state.injector.decide(bytes) {
            case .dropped(let burst):
                if burst { state.counters.burstDropped += 1 } else { state.counters.dropped += 1 }
                return true
            case .delivered(let copies, let corrupted):
                if corrupted { state.counters.corrupted += 1 }
                if copies.count > 1 { state.counters.duplicated += 1 }
                for copy in copies {
                    if copy.delay > 0 { state.counters.delayed += 1 }
                    state.queue.insert(Datagram(bytes: copy.bytes, from: sender), due: now + copy.delay)
                }
                return false
            }
        }
        if dropped { pcap?.record(bytes, from: sender, to: localAddress, dropped: true) }
    }

    private func deliver(_ datagram: Datagram) -> Datagram {
        inbound.withLock { $0.counters.delivered += 1 }
        pcap?.record(datagram.bytes, from: datagram.from, to: localAddress, dropped: false)
        return datagram
    }

    private struct InboundState {
        var injector: FaultInjector
        var queue = DelayQueue<Datagram>()
        var counters = ChannelCounters.Direction()
    }
}
