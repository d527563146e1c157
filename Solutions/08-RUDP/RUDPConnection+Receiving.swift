/// What a connection does with each arriving segment: the handshake, acknowledgements
/// (with fast retransmit), and in-order delivery. The endpoint's loop calls `handle`.
import NetLabKit

extension RUDPConnection {
    /// Processes one segment from this connection's peer.
    func handle(_ segment: Segment, now: Double) throws {
        try monitor.withLock {
            guard failure == nil else { return }
            statistics.segmentsReceived += 1
            if segment.flags.contains(.rst) {
                fail(.reset)
                return
            }
            switch phase {
            case .synSent:
                // Only the SYN-ACK that acknowledges our SYN completes the handshake.
                guard segment.flags.isSuperset(of: [.syn, .ack]), segment.acknowledgment == wire(1) else { return }
                remoteISN = segment.sequence
                expected = 1
                try establish(segment, now: now)
                sendAcknowledgment()
                return
            case .synReceived:
                if segment.flags.contains(.syn) {
                    // The client did not hear our SYN-ACK: say it again.
                    emit([.syn], offset: 0)
                    return
                }
                guard segment.flags.contains(.ack), segment.acknowledgment == wire(1) else { return }
                try establish(segment, now: now)
            case .established:
                if segment.flags.contains(.syn) {
                    // A repeated SYN-ACK (our ACK was lost) or SYN: acknowledge again.
                    sendAcknowledgment()
                    return
                }
            }
            if segment.flags.contains(.ack) { try processAcknowledgment(segment, now: now) }
            if segment.flags.contains(.data) || segment.flags.contains(.fin) { processData(segment, now: now) }
        }
    }

    /// The handshake is complete.
    private func establish(_ segment: Segment, now: Double) throws {
        if rtoEstimator.backoffs == 0 { try rtoEstimator.record(sample: now - timedAt) }
        phase = .established
        sendBase = 1
        nextSend = max(nextSend, 1)
        highestSent = max(highestSent, 1)
        retries = 0
        timerDeadline = nil
        timedOffset = nil
        peerWindow = Int(segment.window)
        trace("start")
        onEstablished?(self)
        monitor.broadcast()
    }

    /// Cumulative ACKs move the window; the third duplicate triggers fast retransmit.
    private func processAcknowledgment(_ segment: Segment, now: Double) throws {
        peerWindow = Int(segment.window)
        let advance = UInt64(segment.acknowledgment &- wire(sendBase))
        if advance > 0 && advance <= highestSent - sendBase {
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
            let dataAcknowledged = min(acknowledged, dataEnd) > bufferOffset ? Int(min(acknowledged, dataEnd) - bufferOffset) : 0
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
            if acknowledgmentWaiters > 0 && (sendBase >= dataEnd || Int(dataEnd - sendBase) <= options.sendBufferSize * 3 / 4) {
                monitor.broadcast()
            }
        } else if advance == 0 && sendBase < highestSent && segment.payload.isEmpty && !segment.flags.contains(.fin) {
            if segment.window == 0 { retries = 0 }  // the peer is alive, just full
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
        } else {
            try fillWindow(now: now)  // a window update may let more out
        }
    }

    /// Go-Back-N's receiver: take exactly the next expected bytes, drop everything else,
    /// and always say what is expected next.
    private func processData(_ segment: Segment, now: Double) {
        let inOrder = segment.sequence == acknowledgmentNumber
        if segment.flags.contains(.data) {
            let room = appClosed || (options.receiveWindow * options.maximumSegmentSize - (receiveBuffer.count - receiveHead)) >= segment.payload.count
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
