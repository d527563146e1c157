/// Go-Back-N's side of each arriving segment: acknowledgements move the send window (the
/// third duplicate triggers fast retransmit), and data is taken strictly in order. The
/// given `handle` (RUDPConnection.swift) calls these once the handshake is done with it.
import NetLabKit

extension RUDPConnection {
    /// Sorts an acknowledgment: new (it moves `sendBase`), a duplicate, or neither (old,
    /// forged, or a pure window update).
    func processAcknowledgment(_ segment: Segment, now: Double) throws {
        let previousWindow = peerWindow
        peerWindow = Int(segment.window)
        let advance = UInt64(segment.acknowledgment &- wire(sendBase))
        if advance > 0 && advance <= highestSent - sendBase {
            try acceptAcknowledgment(advance: advance, now: now)
            return
        }
        if advance == 0 && previousWindow == 0 && peerWindow > 0 && nextSend > sendBase {
            // The window opens, and nothing new was taken: the probe sent while it was shut
            // found no room. Send it again first, or everything after it comes out of order.
            nextSend = sendBase
            timedOffset = nil
        }
        if segment.window == 0 {
            // The peer is alive, just full: it dropped what came for want of room, not because
            // anything was lost. Not a duplicate ACK, and not a reason to give up.
            retries = 0
        } else if advance == 0 && sendBase < highestSent && segment.payload.isEmpty
            && !segment.flags.contains(.fin) && peerWindow == previousWindow
        {
            try processDuplicateAcknowledgment(now: now)
            return
        }
        try fillWindow(now: now)  // old, forged, or a window update (RFC 5681 §2): it may let more out
    }

    /// A new cumulative ACK: `advance` more bytes have arrived. Take an RTT sample, free the
    /// acknowledged bytes, grow the window, move `sendBase`, and send what the window allows.
    func acceptAcknowledgment(advance: UInt64, now: Double) throws {
        let acknowledged = sendBase + advance
        if advance > UInt64(TransportOptions.fallbackSegmentSize) { largeSegmentsArrive = true }
        if let frontier = fallbackFrontier, acknowledged > frontier {
            // Bytes that only a large segment carried have arrived: it was loss, not a
            // black hole. Back to large segments.
            options.maximumSegmentSize = largeSegmentSize
            fallbackFrontier = nil
            largeSegmentsArrive = true
        }
        if let timed = timedOffset, acknowledged >= timed {
            try rtoEstimator.record(sample: now - timedAt)
            timedOffset = nil
        }
        let dataAcknowledged =
            min(acknowledged, dataEnd) > bufferOffset ? Int(min(acknowledged, dataEnd) - bufferOffset) : 0
        statistics.bytesAcknowledged += dataAcknowledged
        bufferHead += dataAcknowledged
        bufferOffset += UInt64(dataAcknowledged)
        if bufferHead > 65_536 && bufferHead * 2 > sendBuffer.count {
            sendBuffer.removeFirst(bufferHead)
            bufferHead = 0
        }
        let segments = (Int(advance) + options.maximumSegmentSize - 1) / options.maximumSegmentSize
        try congestion.acknowledged(segments: segments)
        trace("ack")
        sendBase = acknowledged
        if let recover = recoveryPoint {
            // A partial ACK: the go-back flight is arriving, but the receiver may have
            // thrown away the next segment already (it came early). Resend it once.
            if sendBase >= recover { recoveryPoint = nil } else { resendOldest() }
        }
        nextSend = max(nextSend, sendBase)
        retries = 0
        timerDeadline = sendBase < highestSent ? now + rtoEstimator.rto : nil
        try fillWindow(now: now)
        // Wake a waiting sender only when a quarter of its buffer is free (or all is
        // acknowledged), not on every ACK: each wake-up costs a context switch.
        if acknowledgmentWaiters > 0
            && (sendBase >= dataEnd || Int(dataEnd - sendBase) <= options.sendBufferSize * 3 / 4)
        {
            monitor.broadcast()
        }
    }

    /// The same acknowledgment again while data is outstanding: the third in a row means a
    /// segment is missing but later ones arrive. Resend at once (fast retransmit).
    func processDuplicateAcknowledgment(now: Double) throws {
        // Still recovering from the last loss: not a new loss, but perhaps a new hole.
        if recoveryPoint != nil {
            resendOldest()
            return
        }
        let mss = UInt64(options.maximumSegmentSize)
        let outstanding = Int((highestSent - sendBase + mss - 1) / mss)
        if try congestion.duplicateAcknowledgment(outstanding: outstanding) {
            statistics.fastRetransmits += 1
            trace("fast-retransmit")
            goBack()
            try fillWindow(now: now)
            timerDeadline = now + rtoEstimator.rto
        }
    }

    /// Go-Back-N's receiver: take exactly the next expected bytes, drop everything else,
    /// and always say what is expected next.
    func processData(_ segment: Segment, now: Double) throws {
        let inOrder = segment.sequence == acknowledgmentNumber
        if segment.flags.contains(.data) {
            let room =
                appClosed
                || (options.receiveWindow * options.maximumSegmentSize - (receiveBuffer.count - receiveHead))
                    >= segment.payload.count
            guard inOrder, room else {
                // Out of order, duplicate, or no room: a duplicate ACK tells the sender.
                sendAcknowledgment()
                return
            }
            if !appClosed { receiveBuffer += segment.payload }
            expected += UInt64(segment.payload.count)
            statistics.bytesReceived += segment.payload.count
            unacknowledgedSegments += 1
            readerWakeupPending = true
        }
        if segment.flags.contains(.fin) {
            let finSequence = segment.sequence &+ UInt32(segment.payload.count)
            if !peerFinished && finSequence == acknowledgmentNumber {
                expected += 1
                peerFinished = true
                peerFinishedAt = now
                monitor.broadcast()
            }
            sendAcknowledgment()
            return
        }
        // ACK every other segment, and at the end of each batch (`flushAcknowledgment`).
        if unacknowledgedSegments >= 2 { sendAcknowledgment() }
    }
}
