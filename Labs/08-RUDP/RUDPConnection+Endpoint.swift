/// What the endpoint's receive loop asks of a connection besides `handle`: when its timer is
/// due, whether it can be forgotten, and the ACK that a batch of segments is waiting for.
import NetLabKit

extension RUDPConnection {
    /// When the endpoint's loop should call `checkTimers` next, or `nil` for no timer.
    var nextDeadline: Double? { monitor.withLock { timerDeadline } }

    /// True once the endpoint can forget this connection: it failed, or both sides have
    /// closed and it has lingered `timeWait` seconds to acknowledge a repeated FIN
    /// (TIME-WAIT), or the peer never closed within `closeTimeout` (FIN-WAIT-2's limit).
    func isFinished(now: Double) -> Bool {
        monitor.withLock {
            if failure != nil { return true }
            guard let closedAt else { return false }
            if peerFinished { return now - max(closedAt, peerFinishedAt) >= options.timeWait }
            return now - closedAt >= options.closeTimeout
        }
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
