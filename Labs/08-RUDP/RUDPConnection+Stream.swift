/// The application's side: connect, send, receive, close.
import NetLabChannel
import NetLabKit

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
        // TODO: Open a LossyChannel on a free local port (same family as the server), an Endpoint
        //   (accepting: false) on it, and a RUDPConnection in phase .synSent with a random odd
        //   connection ID (RandomIdentifiers.next()). Keep the endpoint alive (connection.owner),
        //   register the connection, open() it, start the endpoint, then wait on the monitor until
        //   the phase is .established (return it) or it failed (throw the failure).
        throw NotImplemented("RUDPConnection.connect")
    }

    /// Queues bytes for the peer and returns once they are all queued (not yet
    /// acknowledged). Large sends wait for room in the send buffer.
    ///
    /// - Throws: `RUDPError.closed` after `close()`; the connection's failure if it died.
    public func send(_ bytes: [UInt8]) throws {
        // TODO: Under the monitor: append to sendBuffer as room allows (options.sendBufferSize counts
        //   everything not yet acknowledged), waiting on the monitor while full; fillWindow after
        //   each append. Throw the failure if the connection died, RUDPError.closed after close().
        throw NotImplemented("RUDPConnection.send")
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
        // TODO: Under the monitor, wait while receiveBuffer (from receiveHead) is empty: return [] once
        //   peerFinished, throw the failure if any, RUDPError.timedOut after the timeout. Then
        //   take up to maximumLength bytes. If the window you last advertised was nearly shut and
        //   reading reopened it, send an ACK so the sender learns at once.
        throw NotImplemented("RUDPConnection.receive")
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
        // TODO: Queue a FIN after the last byte (finOffset = dataEnd), fillWindow, and wait until it is
        //   acknowledged (sendBase > finOffset), the connection fails, or options.closeTimeout
        //   passes with nothing new acknowledged (restart the deadline whenever sendBase moves:
        //   the queue before the FIN may be long and the path lossy). Set appClosed and closedAt
        //   in every case (the endpoint then lingers for TIME-WAIT). Succeed if the FIN was
        //   acknowledged, or if a RST or silence came only after every data byte was acknowledged
        //   and the peer had closed; otherwise throw RUDPError.closeFailed, and fail the
        //   connection so its timers stop. A second close returns at once.
        throw NotImplemented("RUDPConnection.close")
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
