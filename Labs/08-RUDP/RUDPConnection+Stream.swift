/// The application's side of the stream: send and receive.
import NetLabKit

extension RUDPConnection {
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
