/// The Go-Back-N sender: fill the window, one timer on the oldest unacknowledged segment,
/// and on a timeout resend everything from there.
///
/// `dataEnd` (one past the last byte queued) is given, in `RUDPConnection.swift`.
import NetLabKit

extension RUDPConnection {
    /// Sends new (or, after going back, old) segments while the window allows.
    /// The window is min(cwnd, the peer's advertised window) segments, at least one so a
    /// full receiver is still probed. A segment goes only if all of it fits: the receiver
    /// promised room up to the window's end and no further, so one that ran past it could be
    /// dropped, and everything after it would arrive out of order.
    func fillWindow(now: Double) throws {
        guard phase == .established, failure == nil else { return }
        let limit = UInt64(max(1, min(congestion.window, peerWindow)) * options.maximumSegmentSize)
        while let size = segmentSize(at: nextSend), nextSend + UInt64(size) - sendBase <= limit,
            let length = sendSegment(at: nextSend)
        {
            noteSent(from: nextSend, length: length, now: now)
            nextSend += UInt64(length)
            highestSent = max(highestSent, nextSend)
            if timerDeadline == nil { timerDeadline = now + rtoEstimator.rto }
        }
    }

    /// How much sequence space the segment at `offset` would cover: up to one MSS of data,
    /// 1 for the FIN, or `nil` when there is nothing to send there.
    private func segmentSize(at offset: UInt64) -> Int? {
        if offset < dataEnd { return Int(min(UInt64(options.maximumSegmentSize), dataEnd - offset)) }
        if let fin = finOffset, offset == fin { return 1 }
        return nil
    }

    /// Sends the segment that starts at `offset`: up to one MSS of data, or the FIN.
    /// - Returns: the sequence space it covers, or `nil` when there is nothing to send there.
    private func sendSegment(at offset: UInt64) -> Int? {
        if offset < dataEnd {
            let length = Int(min(UInt64(options.maximumSegmentSize), dataEnd - offset))
            let start = bufferHead + Int(offset - bufferOffset)
            emit([.data], offset: offset, payload: sendBuffer[start..<start + length])
            if let frontier = fallbackFrontier { fallbackFrontier = max(frontier, offset + UInt64(length)) }
            return length
        }
        if let fin = finOffset, offset == fin {
            emit([.fin], offset: fin)
            if let frontier = fallbackFrontier { fallbackFrontier = max(frontier, fin + 1) }
            return 1
        }
        return nil
    }

    private func noteSent(from offset: UInt64, length: Int, now: Double) {
        if offset < highestSent {
            statistics.retransmissions += 1
        } else if timedOffset == nil {
            // Time one fresh segment per round trip (Karn: never a resent one).
            timedOffset = offset + UInt64(length)
            timedAt = now
        }
    }

    /// Go back N: resend from the oldest unacknowledged byte. Any RTT being timed would now
    /// be ambiguous, so Karn's rule drops it.
    func goBack() {
        recoveryPoint = highestSent
        recoveryResend = sendBase  // about to be resent with the rest
        nextSend = sendBase
        timedOffset = nil
    }

    /// Resends only the oldest unacknowledged segment, at most once for each value of
    /// `sendBase`. During recovery, a partial ACK or a duplicate ACK says the next segment
    /// may be missing: lost again, or thrown away because it arrived early. Resending just
    /// that one (as NewReno does) repairs it without waiting for the timer, and without
    /// another whole window of copies.
    func resendOldest() {
        guard sendBase < highestSent, recoveryResend != sendBase else { return }
        recoveryResend = sendBase
        guard sendSegment(at: sendBase) != nil else { return }
        statistics.retransmissions += 1
        timedOffset = nil  // Karn: the next ACK may answer either copy
    }

    /// While small segments are only a guess (`fallbackFrontier` is set), each timeout also
    /// sends one large segment from the oldest unacknowledged byte. On a path that merely
    /// loses datagrams it soon gets through, and its ACK reaches beyond anything a small
    /// segment carried: `acceptAcknowledgment` then goes back to large segments. On a real
    /// black hole it costs one datagram per timeout.
    private func probeLargeSegment() {
        guard let frontier = fallbackFrontier, sendBase < dataEnd else { return }
        let length = min(UInt64(largeSegmentSize), dataEnd - sendBase)
        guard sendBase + length > frontier else { return }  // its ACK would prove nothing
        let start = bufferHead + Int(sendBase - bufferOffset)
        emit([.data], offset: sendBase, payload: sendBuffer[start..<start + Int(length)])
        statistics.retransmissions += 1
        highestSent = max(highestSent, sendBase + length)  // so the ACK that covers it counts
    }

    /// The timer fired on an established connection (the monitor is held; `checkTimers` has
    /// counted the retry and backed off the RTO): slow start again, go back, resend.
    func goBackAfterTimeout(now: Double) throws {
        try congestion.timedOut()
        trace("timeout")
        // Two timeouts in a row, and no large segment ever acknowledged: perhaps something on
        // the path cuts datagrams short (a "black hole", RFC 4821). Small segments get through
        // anything. Heavy random loss looks the same for a while, so `fallbackFrontier`
        // remembers how far small segments have reached: an ACK beyond it proves a large one
        // got through, and `acceptAcknowledgment` goes back to large segments.
        if retries >= 2 && !largeSegmentsArrive && options.segmentSizeIsAutomatic
            && options.maximumSegmentSize > TransportOptions.fallbackSegmentSize
        {
            largeSegmentSize = options.maximumSegmentSize
            options.maximumSegmentSize = TransportOptions.fallbackSegmentSize
            fallbackFrontier = sendBase
        }
        goBack()
        probeLargeSegment()
        try fillWindow(now: now)
    }
}
