/// Go-Back-N's side of each arriving segment: acknowledgements move the send window (the
/// third duplicate triggers fast retransmit), and data is taken strictly in order. The
/// given `handle` (RUDPConnection.swift) calls these once the handshake is done with it.
import NetLabKit

extension RUDPConnection {
    /// Sorts an acknowledgment: new (it moves `sendBase`), a duplicate, or neither (old,
    /// forged, or a pure window update).
    func processAcknowledgment(_ segment: Segment, now: Double) throws {
        // TODO: peerWindow = the segment's window. advance = segment.acknowledgment &- wire(sendBase).
        //   - A new ACK (0 < advance <= highestSent - sendBase): acceptAcknowledgment(advance:now:).
        //   - The window was 0 and opens with nothing new acknowledged (advance 0): the probe that
        //     went out while it was shut found no room. Go back (nextSend = sendBase, timedOffset =
        //     nil) so it goes again first, or everything after it arrives out of order.
        //   - A window of 0: the peer is alive, just full (retries = 0). Never a duplicate.
        //   - A duplicate (advance 0, data outstanding: sendBase < highestSent, no payload, no FIN,
        //     and the same window as the last ACK): processDuplicateAcknowledgment. A new window
        //     makes it a window update instead (RFC 5681 §2).
        //   - Anything else (old, forged, a window update): fillWindow, the window may have opened.
        throw NotImplemented("RUDPConnection.processAcknowledgment")
    }

    /// A new cumulative ACK: `advance` more bytes have arrived. Take an RTT sample, free the
    /// acknowledged bytes, grow the window, move `sendBase`, and send what the window allows.
    func acceptAcknowledgment(advance: UInt64, now: Double) throws {
        // TODO: acknowledged = sendBase + advance.
        //   - It covers the timed segment (timedOffset): rtoEstimator.record(sample: now - timedAt),
        //     timedOffset = nil.
        //   - Drop the acknowledged data bytes (not the FIN's number) from sendBuffer: bufferHead and
        //     bufferOffset move on, statistics.bytesAcknowledged grows.
        //   - congestion.acknowledged(segments:) with the segments it covers (round up), trace("ack").
        //   - sendBase = acknowledged, nextSend at least sendBase, retries = 0; restart the timer if
        //     anything is still outstanding, else stop it; fillWindow; monitor.broadcast() (send,
        //     close and waitUntilAcknowledged wait for room or for the last ACK).
        throw NotImplemented("RUDPConnection.acceptAcknowledgment")
    }

    /// The same acknowledgment again while data is outstanding: the third in a row means a
    /// segment is missing but later ones arrive. Resend at once (fast retransmit).
    func processDuplicateAcknowledgment(now: Double) throws {
        // TODO: If congestion.duplicateAcknowledgment(outstanding:) (segments in flight, rounded up)
        //   says so: count statistics.fastRetransmits, trace("fast-retransmit"), go back (nextSend =
        //   sendBase, timedOffset = nil), fillWindow, and restart the timer.
        //   (Optional, in the reference: recoveryPoint, so the echoes of one loss go back only once.)
        throw NotImplemented("RUDPConnection.processDuplicateAcknowledgment")
    }

    /// Go-Back-N's receiver: take exactly the next expected bytes, drop everything else,
    /// and always say what is expected next.
    func processData(_ segment: Segment, now: Double) throws {
        // TODO: A DATA segment is accepted only if its sequence equals acknowledgmentNumber and the
        //   receive buffer has room for it (options.receiveWindow segments of maximumSegmentSize);
        //   anything else gets an immediate (duplicate) ACK. Accepted: append the payload to
        //   receiveBuffer, expected += its length, statistics.bytesReceived, unacknowledgedSegments
        //   += 1, readerWakeupPending = true (flushAcknowledgment wakes the reader once per batch).
        //   A FIN right after the data (sequence + payload length == acknowledgmentNumber), the
        //   first time: expected += 1, peerFinished = true, peerFinishedAt = now, broadcast. Any FIN
        //   gets an ACK at once. Otherwise ACK every second in-order segment.
        throw NotImplemented("RUDPConnection.processData")
    }
}
