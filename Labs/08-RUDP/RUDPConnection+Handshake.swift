/// The three-way handshake, and the one timer that resends whatever is missing: first the
/// SYN (or SYN-ACK), later the data. The timer's retry budget ends a dead connection.
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

    /// Starts the handshake: the client's SYN, or the server's SYN-ACK.
    func open(now: Double) throws {
        // TODO: Under monitor.withLock { }: send the SYN (client) or SYN-ACK (server):
        //   emit([.syn], offset: 0) does both, since emit adds ACK outside .synSent. The SYN uses
        //   offset 0: nextSend = highestSent = 1. Remember when it went (timedAt) and start the
        //   timer (timerDeadline = now + rtoEstimator.rto).
        throw NotImplemented("RUDPConnection.open (SYN)")
    }

    /// The handshake's share of an arriving segment (the monitor is held).
    ///
    /// - Returns: `true` when the segment goes on to `processAcknowledgment` and
    ///   `processData`; `false` when the handshake has dealt with it.
    func handleHandshake(_ segment: Segment, now: Double) throws -> Bool {
        // TODO: By phase:
        //   - .synSent: only a SYN+ACK whose acknowledgment is wire(1) counts: remoteISN = its
        //     sequence, expected = 1, establish, send an ACK (sendAcknowledgment), return false.
        //     Ignore anything else (return false).
        //   - .synReceived: a repeated SYN gets the SYN-ACK again (emit([.syn], offset: 0)), false.
        //     An ACK of wire(1) establishes and returns true (it may carry data too).
        //   - .established: a SYN (a repeated SYN-ACK: our ACK was lost) gets an ACK again, false.
        //     Everything else returns true.
        throw NotImplemented("RUDPConnection.handleHandshake")
    }

    /// The handshake is complete (the monitor is held).
    func establish(_ segment: Segment, now: Double) throws {
        // TODO: An RTT sample (now - timedAt) if the SYN was never resent (rtoEstimator.backoffs
        //   == 0), phase = .established, sendBase = 1, nextSend and highestSent at least 1, retries
        //   = 0, stop the timer (timerDeadline = nil, timedOffset = nil), peerWindow = the segment's
        //   window, trace("start"), onEstablished?(self), monitor.broadcast() (connect and accept
        //   wait for it).
        throw NotImplemented("RUDPConnection.establish")
    }

    /// Fires the retransmission timer if it is due.
    func checkTimers(now: Double) throws {
        // TODO: Under monitor.withLock { }: nothing to do unless the timer (timerDeadline) is due and
        //   the connection has not failed. Count the retry and the timeout (statistics.timeouts); on
        //   the first one of a run (retries == 1) remember the time in retryingSince. Give up after
        //   options.maximumRetries timeouts in a row, or once options.giveUpAfter seconds have passed
        //   since retryingSince: fail with .connectFailed (handshake) or .peerUnreachable
        //   (established), passing the retries made (retries - 1). Otherwise back off the RTO and
        //   resend: during the handshake the SYN (or SYN-ACK) again, counted as a retransmission;
        //   when established, goBackAfterTimeout. Restart the timer.
        throw NotImplemented("RUDPConnection.checkTimers")
    }
}
