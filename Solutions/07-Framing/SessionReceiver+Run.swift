/// The server's receiving loop.
import NetLabKit

extension SessionReceiver {
    /// Receives until DISCONNECT, silence or close.
    ///
    /// - Parameter deliver: called once per DATA payload, in sequence order, never twice.
    /// - Returns: how the session ended, and what it counted.
    /// - Throws: what `deliver` or the socket throws.
    public func run(deliver: ([UInt8]) throws -> Void) throws -> ReceiverReport {
        var report = ReceiverReport(ending: .closed)
        var expected: UInt32 = 1
        var pendingAcks: [(due: Double, sequence: UInt32)] = []
        let clock = SystemTime()
        var keepAlive = parameters.keepAlive.map { KeepAliveClock(interval: $0, now: clock.now()) }
        let send = { (message: SessionMessage) throws in try connection.writeFrame(message.encode()) }
        while true {
            var now = clock.now()
            while let first = pendingAcks.first, first.due <= now {
                try send(SessionMessage(.ack, sequence: first.sequence))
                keepAlive?.sent(at: now)
                pendingAcks.removeFirst()
            }
            if let alive = keepAlive {
                switch try alive.action(at: now) {
                case .expire:
                    report.ending = .peerSilent(seconds: 3 * alive.interval)
                    return report
                case .send:
                    try send(SessionMessage(.keepAlive))
                    keepAlive?.sent(at: now)
                case .wait: break
                }
            }
            var wait = 1.0
            if let first = pendingAcks.first { wait = min(wait, first.due - now) }
            if let alive = keepAlive { wait = min(wait, try alive.nextDeadline() - now) }
            let event = try connection.nextFrame(waitingAtMost: max(0, wait))
            now = clock.now()
            guard case .frame(let body) = event else {
                if event == .closed { return report }
                continue
            }
            keepAlive?.heard(at: now)
            let message: SessionMessage
            do { message = try SessionMessage.decode(body) } catch SessionError.badChecksum(let sequence) {
                report.corrupted += 1
                try send(SessionMessage(.error, sequence: sequence))
                continue
            }
            switch message.kind {
            case .data:
                if message.sequence == expected {
                    guard message.payload.count <= parameters.maximumPacket else {
                        report.ending = .failed("DATA of \(message.payload.count) bytes, over the packet size")
                        return report
                    }
                    try deliver(message.payload)
                    report.messages += 1
                    report.bytes += message.payload.count
                    expected += 1
                    pendingAcks.append((now + ackDelay, expected - 1))
                } else {
                    // Already delivered: counted, not delivered again. Past a gap: dropped (the
                    // sender goes back to the gap when it sees the ERROR). Either way the ACK
                    // says again how far delivery has got.
                    if message.sequence < expected { report.duplicates += 1 }
                    pendingAcks.append((now + ackDelay, expected - 1))
                }
            case .disconnect:
                try send(SessionMessage(.ack, sequence: message.sequence))
                report.ending = .disconnected
                return report
            case .keepAlive, .ack, .error:
                break
            case .syn, .synAck:
                report.ending = .failed("\(message.kind) in the middle of a session")
                return report
            }
        }
    }
}
