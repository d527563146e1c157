/// The Go-Back-N sender: fill the window, one timer on the oldest unacknowledged segment,
/// and on a timeout resend everything from there.
///
/// `dataEnd` (one past the last byte queued) is given, in `RUDPConnection.swift`.
import NetLabKit

extension RUDPConnection {
    /// Sends new (or, after going back, old) segments while the window allows.
    /// The window is min(cwnd, the peer's advertised window) segments, at least one so a
    /// full receiver is still probed.
    func fillWindow(now: Double) throws {
        // TODO: Only when established and not failed. The window is
        //   max(1, min(congestion.window, peerWindow)) * maximumSegmentSize bytes from sendBase.
        //   While the next segment fits in it whole (it may be short: the end of what was queued):
        //   - data waiting (nextSend < dataEnd): emit one DATA segment of at most MSS bytes from
        //     sendBuffer (index bufferHead + (nextSend - bufferOffset)), advance nextSend;
        //   - else if close() queued a FIN at nextSend (finOffset): emit it, nextSend = fin + 1;
        //   - else stop.
        //   A segment below highestSent is a retransmission (count it); otherwise time one fresh
        //   segment per round trip (timedOffset, timedAt). Update highestSent; start the timer
        //   if it is not running.
        throw NotImplemented("RUDPConnection.fillWindow")
    }

    /// The timer fired on an established connection (the monitor is held; `checkTimers` has
    /// counted the retry and backed off the RTO): slow start again, go back, resend.
    func goBackAfterTimeout(now: Double) throws {
        // TODO: congestion.timedOut(), trace("timeout"), then go back: nextSend = sendBase, and forget
        //   the segment being timed (timedOffset = nil: Karn's rule). fillWindow resends from there.
        //   (Optional, in the reference: fall back to 1400-byte segments after two timeouts in a
        //   row if no large segment was ever acknowledged; the handout explains the black hole.)
        throw NotImplemented("RUDPConnection.goBackAfterTimeout")
    }
}
