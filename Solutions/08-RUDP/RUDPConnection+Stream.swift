/// The application's side: connect, send, receive, close.
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
        let local = try SocketAddress(ip: server.isLoopback ? server.ip : (server.family == AF_INET6 ? "::" : "0.0.0.0"), port: 0)
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

    /// Queues bytes for the peer and returns once they are all queued (not yet
    /// acknowledged). Large sends wait for room in the send buffer.
    ///
    /// - Throws: `RUDPError.closed` after `close()`; the connection's failure if it died.
    public func send(_ bytes: [UInt8]) throws {
        try monitor.withLock {
            var offset = 0
            while offset < bytes.count {
                if let failure { throw failure }
                if finOffset != nil || appClosed { throw RUDPError.closed }
                let queued = Int(dataEnd - sendBase)
                let room = options.sendBufferSize - queued
                if room <= 0 {
                    acknowledgmentWaiters += 1
                    monitor.wait(until: clock.now() + 0.1)
                    acknowledgmentWaiters -= 1
                    continue
                }
                let count = min(room, bytes.count - offset)
                sendBuffer += bytes[offset..<offset + count]
                offset += count
                try fillWindow(now: clock.now())
            }
        }
    }

    /// Waits for bytes from the peer.
    ///
    /// - Parameters:
    ///   - maximumLength: the most bytes to return at once.
    ///   - timeout: seconds to wait, or `nil` to wait as long as the connection lives.
    /// - Returns: the next bytes in order, or `[]` once the peer has closed and every byte
    ///   has been read (end of stream).
    /// - Throws: `RUDPError.timedOut`, or the connection's failure (`.reset`,
    ///   `.peerUnreachable`).
    public func receive(maximumLength: Int = 65_536, timeout: Double? = nil) throws -> [UInt8] {
        let deadline = timeout.map { clock.now() + $0 }
        return try monitor.withLock {
            while receiveHead == receiveBuffer.count {
                if peerFinished { return [] }
                if let failure { throw failure }
                if let deadline, clock.now() >= deadline { throw RUDPError.timedOut }
                monitor.wait(until: min(deadline ?? .infinity, clock.now() + 0.1))
            }
            let count = min(maximumLength, receiveBuffer.count - receiveHead)
            let bytes = Array(receiveBuffer[receiveHead..<receiveHead + count])
            receiveHead += count
            if receiveHead == receiveBuffer.count {
                receiveBuffer.removeAll(keepingCapacity: true)
                receiveHead = 0
            } else if receiveHead > 1 << 20 {
                receiveBuffer.removeFirst(receiveHead)
                receiveHead = 0
            }
            // Reopen a window the sender saw as (nearly) shut, or it would wait for a timeout.
            if phase == .established && advertisedWindow < options.receiveWindow / 4 && freeSegments >= options.receiveWindow / 2 {
                sendAcknowledgment()
            }
            return bytes
        }
    }

    /// Finishes the connection: waits until every queued byte is acknowledged, sends FIN,
    /// and waits for the FIN's acknowledgement. The connection then lingers in the
    /// background for `timeWait` seconds to answer a repeated FIN from the peer.
    ///
    /// Gives up once nothing new has been acknowledged for `options.closeTimeout` seconds
    /// (sooner when the retry budget runs out), whatever the peer does. A long queue that is
    /// still being delivered under heavy loss is slow, not failed.
    ///
    /// - Throws: `RUDPError.closeFailed` if the peer never acknowledged everything.
    public func close() throws {
        try monitor.withLock {
            if closedAt != nil { return }
            defer {
                appClosed = true
                closedAt = clock.now()
                monitor.broadcast()
            }
            if phase == .established && failure == nil && finOffset == nil {
                finOffset = dataEnd
                try fillWindow(now: clock.now())
            }
            // The deadline moves with every acknowledgement: a close that is still delivering
            // a long queue under heavy loss is slow, not failed.
            var deadline = clock.now() + options.closeTimeout
            var acknowledged = sendBase
            while failure == nil, let fin = finOffset, sendBase <= fin, clock.now() < deadline {
                acknowledgmentWaiters += 1
                monitor.wait(until: min(deadline, clock.now() + 0.1))
                acknowledgmentWaiters -= 1
                if sendBase > acknowledged {
                    acknowledged = sendBase
                    deadline = clock.now() + options.closeTimeout
                }
            }
            if let fin = finOffset, sendBase > fin { return }
            // The peer closed first and acknowledged every byte; only our FIN's ACK is
            // missing, and the peer may have left TIME-WAIT already. Nothing was lost.
            if peerFinished, let fin = finOffset, sendBase >= fin { return }
            // A reset after every byte was acknowledged: the peer has all our data and has
            // already forgotten the connection. Nothing was lost.
            if failure == .reset, let fin = finOffset, sendBase >= fin { return }
            let unacknowledged = finOffset.map { $0 > sendBase ? $0 - sendBase : 0 } ?? 0
            let silence = unacknowledged > 0
                ? "\(unacknowledged) bytes never acknowledged: nothing new for \(options.closeTimeout) s"
                : "no acknowledgement for the FIN within \(options.closeTimeout) s"
            let reason = failure?.description ?? silence
            if failure == nil { fail(.closeFailed(reason)) }
            throw RUDPError.closeFailed(reason)
        }
    }
}

extension RUDPConnection {
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
}
