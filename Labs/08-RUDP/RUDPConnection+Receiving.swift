/// What a connection does with each arriving segment: the handshake, acknowledgements
/// (with fast retransmit), and in-order delivery. The endpoint's loop calls `handle`.
import NetLabKit

extension RUDPConnection {
    /// Processes one segment from this connection's peer.
    func handle(_ segment: Segment, now: Double) throws {
        // TODO: Everything a segment from the peer can mean, under monitor.withLock { }:
        //   - ignore it if the connection already failed; count it (statistics.segmentsReceived);
        //   - RST: fail(.reset).
        //   - phase .synSent: a SYN+ACK whose acknowledgment is wire(1) completes the handshake:
        //     remoteISN = its sequence, expected = 1, then establish (below) and send an ACK.
        //   - phase .synReceived: a repeated SYN gets the SYN-ACK again (emit([.syn], offset: 0));
        //     an ACK of wire(1) establishes, then the segment is processed further.
        //   - phase .established: a SYN (a repeated SYN-ACK) gets an ACK again.
        //   Establishing: phase = .established, sendBase = 1, nextSend/highestSent at least 1,
        //     stop the timer, retries = 0, peerWindow = window, an RTT sample if the SYN was not
        //     resent (timedAt holds when it was sent), trace("start"), onEstablished?(self),
        //     monitor.broadcast() (connect and accept wait for it).
        //   Acknowledgments (Go-Back-N sender; the handout has the state diagram):
        //   - advance = segment.acknowledgment &- wire(sendBase). A new ACK (0 < advance <=
        //     highestSent - sendBase): RTT sample if it covers timedOffset, drop acknowledged bytes
        //     from sendBuffer (bufferHead/bufferOffset), congestion.acknowledged, move sendBase,
        //     retries = 0, restart or stop the timer, fillWindow, broadcast.
        //   - A duplicate (advance 0, data outstanding, no payload, no FIN):
        //     congestion.duplicateAcknowledgment(outstanding:) == true means fast retransmit: go back
        //     (nextSend = sendBase, timedOffset = nil), fillWindow, restart the timer.
        //   Data and FIN (Go-Back-N receiver): accept a DATA segment only if its sequence equals
        //     acknowledgmentNumber and the receive buffer has room; anything else gets an immediate
        //     (duplicate) ACK. An in-order FIN: expected += 1, peerFinished = true, broadcast, ACK.
        //     ACK at least every second in-order segment (unacknowledgedSegments); set
        //     readerWakeupPending so flushAcknowledgment wakes the reader once per batch.
        throw NotImplemented("RUDPConnection.handle (handshake, ACKs, data)")
    }

    /// Sends the ACK that coalesced segments are waiting for. The endpoint calls this after
    /// draining the datagrams that were ready.
    func flushAcknowledgment() {
        monitor.withLock {
            if unacknowledgedSegments > 0 && failure == nil { sendAcknowledgment() }
            if readerWakeupPending {
                readerWakeupPending = false
                monitor.broadcast()
            }
        }
    }
}
