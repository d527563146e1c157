/// The three-way handshake, and the one timer that resends whatever is missing: first the
/// SYN (or SYN-ACK), later the data. The timer's retry budget ends a dead connection.
import NetLabChannel
import NetLabKit
import NetLabSystem

extension RUDPConnection {
    /// Opens a connection to an RUDP server: the three-way handshake, retried under loss.
    ///
    /// - Parameters:
    ///   - server: the server's address.
    ///   - faults: what the client's own channel does to its traffic (both directions).
    ///   - options: timers, windows and sizes.
    /// - Returns: an established connection.
    /// - Throws: `RUDPError.connectFailed` when no SYN-ACK comes back after every retry;
    ///   `RUDPError.reset` when the server refuses; `SocketError` if no socket can be opened.
    public static func connect(
        to server: SocketAddress, faults: Faults = .none, options: TransportOptions = TransportOptions()
    ) throws -> RUDPConnection {
        let wildcard = server.family == AF_INET6 ? "::" : "0.0.0.0"
        let local = try SocketAddress(ip: server.isLoopback ? server.ip : wildcard, port: 0)
        let channel = try LossyChannel(bindingTo: local, faults: faults)
        let endpoint = Endpoint(channel: channel, options: options, accepting: false)
        let connection = RUDPConnection(
            id: UInt32(truncatingIfNeeded: RandomIdentifiers.next()) | 1, peer: server, local: channel.localAddress,
            phase: .synSent, options: options, transmit: endpoint.transmitter)
        connection.owner = endpoint
        endpoint.register(connection)
        try connection.open(now: SystemTime().now())
        endpoint.start()
        try connection.monitor.withLock {
            while connection.phase != .established && connection.failure == nil {
                connection.monitor.wait(until: SystemTime().now() + 0.1)
            }
            if let failure = connection.failure { throw failure }
        }
        return connection
    }

    /// Starts the handshake: the client's SYN, or the server's SYN-ACK.
    func open(now: Double) throws {
        monitor.withLock {
            emit([.syn], offset: 0)
            nextSend = 1
            highestSent = 1
            timedAt = now
            timerDeadline = now + rtoEstimator.rto
        }
    }

    /// The handshake's share of an arriving segment (the monitor is held).
    ///
    /// - Returns: `true` when the segment goes on to `processAcknowledgment` and
    ///   `processData`; `false` when the handshake has dealt with it.
    func handleHandshake(_ segment: Segment, now: Double) throws -> Bool {
        switch phase {
        case .synSent:
            // Only the SYN-ACK that acknowledges our SYN completes the handshake.
            guard segment.flags.isSuperset(of: [.syn, .ack]), segment.acknowledgment == wire(1) else { return false }
            remoteISN = segment.sequence
            expected = 1
            try establish(segment, now: now)
            sendAcknowledgment()
            return false
        case .synReceived:
            if segment.flags.contains(.syn) {
                // The client did not hear our SYN-ACK: say it again.
                emit([.syn], offset: 0)
                return false
            }
            guard segment.flags.contains(.ack), segment.acknowledgment == wire(1) else { return false }
            try establish(segment, now: now)
            return true
        case .established:
            if segment.flags.contains(.syn) {
                // A repeated SYN-ACK (our ACK was lost) or SYN: acknowledge again.
                sendAcknowledgment()
                return false
            }
            return true
        }
    }

    /// The handshake is complete (the monitor is held).
    func establish(_ segment: Segment, now: Double) throws {
        if rtoEstimator.backoffs == 0 { try rtoEstimator.record(sample: now - timedAt) }
        phase = .established
        sendBase = 1
        nextSend = max(nextSend, 1)
        highestSent = max(highestSent, 1)
        retries = 0
        timerDeadline = nil
        timedOffset = nil
        peerWindow = Int(segment.window)
        trace("start")
        onEstablished?(self)
        monitor.broadcast()
    }

    /// Fires the retransmission timer if it is due.
    func checkTimers(now: Double) throws {
        try monitor.withLock {
            guard let deadline = timerDeadline, now >= deadline, failure == nil else { return }
            retries += 1
            statistics.timeouts += 1
            if retries == 1 { retryingSince = now }
            // The budget: maximumRetries backed-off RTOs, but never longer than giveUpAfter.
            if retries > options.maximumRetries || now - retryingSince >= options.giveUpAfter {
                let made = retries - 1
                fail(phase == .established ? .peerUnreachable(retries: made) : .connectFailed(retries: made))
                return
            }
            try rtoEstimator.backOff()
            if phase == .established {
                try goBackAfterTimeout(now: now)
            } else {
                statistics.retransmissions += 1
                emit([.syn], offset: 0)
            }
            timerDeadline = now + rtoEstimator.rto
        }
    }
}
