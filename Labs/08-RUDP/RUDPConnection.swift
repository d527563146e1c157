/// One end of a reliable, ordered byte stream over UDP: RUDP's answer to a TCP socket.
///
/// ```swift
/// let connection = try RUDPConnection.connect(to: server)
/// try connection.send(Array("GET notes.txt\n".utf8))
/// while case let bytes = try connection.receive(), !bytes.isEmpty { … }   // [] is EOF
/// try connection.close()
/// ```
///
/// The protocol state lives here and is guarded by `monitor`. Two kinds of thread touch it:
/// the application's (send, receive, close), and the endpoint's receive loop, which hands
/// in every arriving segment (`handle`) and fires the timers (`checkTimers`). Sending never
/// blocks on the network: a segment goes to the channel at once.
import NetLabChannel
import NetLabKit
import Synchronization

public final class RUDPConnection: @unchecked Sendable {  // Sendable: mutable state is guarded by `monitor`.
    enum Phase { case synSent, synReceived, established }

    /// The identifier the client chose; both ends put it in every segment.
    public let connectionID: UInt32
    /// The other end's address.
    public let peer: SocketAddress
    /// This end's address.
    public let localAddress: SocketAddress

    /// The options, with the segment size settled for this peer. Guarded by `monitor`: the
    /// segment size may shrink if large segments never get through.
    var options: TransportOptions
    let monitor = Monitor()
    let clock = SystemTime()
    let transmit: @Sendable ([UInt8], SocketAddress) -> Void
    /// The congestion window over time, when `options.recordsTrace` is on.
    public let trace: TraceRecorder?
    /// Called once, with the monitor held, when a server-side connection is established.
    var onEstablished: (@Sendable (RUDPConnection) -> Void)?
    /// Keeps the client's endpoint (and its thread and socket) alive as long as the
    /// connection is in use.
    var owner: AnyObject?

    // MARK: State guarded by `monitor`.
    var phase: Phase
    var failure: RUDPError?
    var rtoEstimator: RTOEstimator
    var congestion: CongestionControl

    // Sending. Offsets count sequence space from the ISN: the SYN is 0, data starts at 1.
    let localISN: UInt32
    var sendBase: UInt64 = 0  // oldest unacknowledged offset
    var nextSend: UInt64 = 0  // next offset to (re)send
    var highestSent: UInt64 = 0  // one past the highest offset ever sent
    var sendBuffer: [UInt8] = []  // bytes from `bufferOffset` on, starting at `bufferHead`
    var bufferHead = 0
    var bufferOffset: UInt64 = 1
    var finOffset: UInt64?
    var peerWindow = 1
    var timerDeadline: Double?
    var retries = 0
    /// When the first of the current run of timeouts fired (`retries` went to 1).
    var retryingSince = 0.0
    var timedOffset: UInt64?
    var timedAt = 0.0
    /// After going back (fast retransmit or timeout): `highestSent` at that moment. Until
    /// the cumulative ACK passes it, duplicate ACKs are echoes of that one loss (or of
    /// reordering), not news, and must not make the sender go back again (RFC 6582's
    /// "recover"). Optional: a plain Go-Back-N passes the tests without it, but reordering
    /// then sets off a storm of retransmissions.
    var recoveryPoint: UInt64?
    /// During recovery, the `sendBase` whose segment was last resent by `resendOldest`: at
    /// most one extra copy per hole.
    var recoveryResend: UInt64?
    /// Set once one ACK covers more than `TransportOptions.fallbackSegmentSize` bytes: large
    /// segments do get through this path, so a timeout is a loss, not a black hole.
    var largeSegmentsArrive = false
    /// After falling back to small segments: one past the highest byte a small segment has
    /// carried. An ACK beyond it proves that a large segment got through after all.
    var fallbackFrontier: UInt64?
    /// The segment size before the fallback, to go back to.
    var largeSegmentSize = 0

    // Receiving.
    var remoteISN: UInt32 = 0
    var expected: UInt64 = 0  // next offset expected from the peer
    var receiveBuffer: [UInt8] = []
    var receiveHead = 0
    var peerFinished = false
    var peerFinishedAt = 0.0
    var unacknowledgedSegments = 0
    /// Bytes arrived since the reader was last woken (woken once per batch, not per segment).
    var readerWakeupPending = false
    /// Threads waiting in send, close or waitUntilAcknowledged for acknowledgements.
    var acknowledgmentWaiters = 0
    var advertisedWindow = 0
    /// The kernel's receive buffer for this connection's socket, in bytes (`Endpoint` sets it).
    var socketBuffer = Int.max

    // Closing.
    var appClosed = false
    var closedAt: Double?

    var statistics = ConnectionStatistics()

    init(
        id: UInt32, peer: SocketAddress, local: SocketAddress, phase: Phase, options: TransportOptions,
        transmit: @escaping @Sendable ([UInt8], SocketAddress) -> Void
    ) {
        connectionID = id
        self.peer = peer
        localAddress = local
        self.phase = phase
        self.options = options.resolved(for: peer)
        self.transmit = transmit
        trace = options.recordsTrace ? TraceRecorder() : nil
        localISN = options.initialSequence ?? UInt32(truncatingIfNeeded: RandomIdentifiers.next())
        rtoEstimator = RTOEstimator(
            initial: options.initialRTO, minimum: options.minimumRTO, maximum: options.maximumRTO)
        congestion = CongestionControl(
            initialWindow: options.initialWindow, initialThreshold: options.initialThreshold,
            maximumWindow: options.maximumWindow)
    }

    /// What this connection has done so far.
    public var stats: ConnectionStatistics {
        monitor.withLock {
            var result = statistics
            result.cwnd = congestion.cwnd
            result.ssthresh = congestion.ssthresh
            result.rto = rtoEstimator.rto
            result.smoothedRTT = rtoEstimator.smoothedRTT
            return result
        }
    }

    /// Waits until the peer has acknowledged every byte sent so far.
    ///
    /// - Parameter timeout: seconds to wait, or `nil` to wait as long as the connection
    ///   lives: under heavy loss a large transfer may take a long time, and the connection
    ///   itself fails once its retry budget runs out.
    /// - Returns: `true` once every byte is acknowledged, `false` if `timeout` passed first.
    /// - Throws: the connection's failure (`.peerUnreachable`, `.reset`).
    public func waitUntilAcknowledged(timeout: Double? = nil) throws -> Bool {
        let deadline = timeout.map { clock.now() + $0 } ?? .infinity
        return try monitor.withLock {
            while sendBase < dataEnd && failure == nil && clock.now() < deadline {
                acknowledgmentWaiters += 1
                monitor.wait(until: min(deadline, clock.now() + 0.1))
                acknowledgmentWaiters -= 1
            }
            if let failure { throw failure }
            return sendBase >= dataEnd
        }
    }

    // MARK: Sequence numbers on the wire.

    /// The 32-bit sequence number of a send offset (wraps around, as TCP's does).
    func wire(_ offset: UInt64) -> UInt32 { localISN &+ UInt32(truncatingIfNeeded: offset) }

    /// One past the last byte the application has queued.
    var dataEnd: UInt64 { bufferOffset + UInt64(sendBuffer.count - bufferHead) }

    /// The acknowledgment number for everything received so far.
    var acknowledgmentNumber: UInt32 { remoteISN &+ UInt32(truncatingIfNeeded: expected) }

    /// How many more segments the receive buffer can take: the window to advertise.
    ///
    /// It is also capped by what the kernel's socket buffer can hold, or a sender that
    /// trusted a larger window would overflow it faster than the endpoint's thread drains
    /// it, and the kernel would drop the rest. Linux charges about twice a datagram's size
    /// against that buffer.
    var freeSegments: Int {
        let mss = options.maximumSegmentSize
        let kernel = socketBuffer == .max ? Int.max : max(4, socketBuffer / (2 * (mss + 52)))
        if appClosed { return min(options.receiveWindow, kernel) }
        let free = options.receiveWindow * mss - (receiveBuffer.count - receiveHead)
        return min(max(0, free / mss), kernel)
    }

    /// Encodes and sends one segment, stamping the current window and acknowledgment.
    func emit(_ flags: SegmentFlags, offset: UInt64, payload: ArraySlice<UInt8> = []) {
        var flags = flags
        if phase != .synSent { flags.insert(.ack) }
        advertisedWindow = freeSegments
        let segment = Segment(
            flags: flags, connectionID: connectionID, sequence: wire(offset),
            acknowledgment: phase == .synSent ? 0 : acknowledgmentNumber,
            window: UInt16(min(advertisedWindow, Int(UInt16.max))), payload: Array(payload))
        guard let bytes = try? segment.encode() else { return }
        statistics.segmentsSent += 1
        unacknowledgedSegments = 0  // every segment carries the latest acknowledgment
        transmit(bytes, peer)
    }

    /// Sends a bare ACK now.
    func sendAcknowledgment() {
        emit([.ack], offset: max(nextSend, sendBase))
    }

    /// Processes one segment from this connection's peer. The endpoint's loop calls it.
    ///
    /// It runs the steps you write, in this order: the handshake (`handleHandshake`, in
    /// RUDPConnection+Handshake.swift), then the acknowledgment (`processAcknowledgment`)
    /// and the data or FIN (`processData`), in RUDPConnection+Receiving.swift.
    func handle(_ segment: Segment, now: Double) throws {
        try monitor.withLock {
            guard failure == nil else { return }
            statistics.segmentsReceived += 1
            if segment.flags.contains(.rst) {
                fail(.reset)
                return
            }
            guard try handleHandshake(segment, now: now) else { return }
            if segment.flags.contains(.ack) { try processAcknowledgment(segment, now: now) }
            if segment.flags.contains(.data) || segment.flags.contains(.fin) { try processData(segment, now: now) }
        }
    }

    func trace(_ event: String) {
        guard let trace else { return }
        trace.record(cwnd: congestion.cwnd, ssthresh: congestion.ssthresh, rto: rtoEstimator.rto, event: event)
    }

    /// Marks the connection dead and wakes every waiting thread.
    func fail(_ error: RUDPError) {
        if failure == nil { failure = error }
        timerDeadline = nil
        monitor.broadcast()
    }
}

/// Counts of what a connection did.
public struct ConnectionStatistics: Sendable, Equatable {
    public var segmentsSent = 0
    public var segmentsReceived = 0
    /// Segments sent again (after a timeout or a fast retransmit).
    public var retransmissions = 0
    public var timeouts = 0
    public var fastRetransmits = 0
    /// Application bytes the peer has acknowledged.
    public var bytesAcknowledged = 0
    /// Application bytes delivered in order to this side.
    public var bytesReceived = 0
    public var cwnd = 0.0
    public var ssthresh = 0.0
    public var rto = 0.0
    public var smoothedRTT: Double?

    public init() {}
}

/// Connection identifiers and initial sequence numbers: unpredictable enough that a stray
/// or old segment is unlikely to match, and distinct for connections made in the same
/// instant.
enum RandomIdentifiers {
    private static let counter = Atomic<UInt64>(0)

    static func next() -> UInt64 {
        let count = counter.wrappingAdd(1, ordering: .relaxed).newValue
        var random = SeededRandom(seed: SeededRandom.freshSeed() &+ count &* 0x9E37_79B9_7F4A_7C15)
        return random.next()
    }
}
