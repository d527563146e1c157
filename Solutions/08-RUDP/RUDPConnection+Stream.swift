/// The application's side of the stream: send and receive.
import NetLabKit

extension RUDPConnection {
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
            if phase == .established && advertisedWindow < options.receiveWindow / 4
                && freeSegments >= options.receiveWindow / 2
            {
                sendAcknowledgment()
            }
            return bytes
        }
    }
}
