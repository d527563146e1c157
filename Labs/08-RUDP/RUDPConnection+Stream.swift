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
