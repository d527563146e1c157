/// The Go-Back-N sender: fill the window, one timer on the oldest unacknowledged segment,
/// and on a timeout resend everything from there.
import NetLabKit

extension RUDPConnection {
    /// One past the last byte the application has queued.
    var dataEnd: UInt64 { bufferOffset + UInt64(sendBuffer.count - bufferHead) }

    /// Sends new (or, after going back, old) segments while the window allows.
    /// The window is min(cwnd, the peer's advertised window) segments, at least one so a
    /// full receiver is still probed.
    func fillWindow(now: Double) throws {
        // TODO: Only when established and not failed. While nextSend - sendBase is below
        //   max(1, min(congestion.window, peerWindow)) * maximumSegmentSize bytes:
        //   - data waiting (nextSend < dataEnd): emit one DATA segment of at most MSS bytes from
        //     sendBuffer (index bufferHead + (nextSend - bufferOffset)), advance nextSend;
        //   - else if close() queued a FIN at nextSend (finOffset): emit it, nextSend = fin + 1;
        //   - else stop.
        //   A segment below highestSent is a retransmission (count it); otherwise time one fresh
        //   segment per round trip (timedOffset, timedAt). Update highestSent; start the timer
        //   if it is not running.
        throw NotImplemented("RUDPConnection.fillWindow")
    }

    /// When the endpoint's loop should call `checkTimers` next, or `nil` for no timer.
    var nextDeadline: Double? { monitor.withLock { timerDeadline } }

    /// Fires the retransmission timer if it is due.
    func checkTimers(now: Double) throws {
        // TODO: If the timer (timerDeadline) is due: count the retry (on the first one of a run,
        //   retries == 1, remember the time in retryingSince). Give up after options.maximumRetries
        //   timeouts in a row, or once options.giveUpAfter seconds have passed since retryingSince:
        //   fail with .connectFailed (handshake) or .peerUnreachable (established), passing the
        //   retries made (retries - 1). Otherwise back off the RTO and resend: the SYN (or SYN-ACK)
        //   during the handshake; when established, congestion.timedOut(), trace("timeout"), go
        //   back and fillWindow. Restart the timer.
        throw NotImplemented("RUDPConnection.checkTimers")
    }

    /// Starts the handshake: the client's SYN, or the server's SYN-ACK.
    func open(now: Double) throws {
        // TODO: Send the SYN (client) or SYN-ACK (server): emit([.syn], offset: 0) does both, since
        //   emit adds ACK outside .synSent. The SYN uses offset 0: nextSend = highestSent = 1.
        //   Remember when it went (timedAt) and start the timer.
        throw NotImplemented("RUDPConnection.open (SYN)")
    }

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
}
