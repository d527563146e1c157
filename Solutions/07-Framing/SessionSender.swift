/// The client's side of a transfer: step-by-step or a window at a time, resending what the
/// server says was damaged, then DISCONNECT.
import NetLabKit

extension SessionClient {
    /// Sends every message of `messages` as DATA, each at most `parameters.maximumPacket`
    /// bytes, and returns once all are acknowledged.
    ///
    /// - Throws: `SessionError.peerSilent` when the server stops answering, `.closed` when it
    ///   closes, `.malformed` for a message over the packet size.
    public func send(_ messages: some Sequence<[UInt8]>) throws -> TransferReport {
        let clock = SystemTime()
        let start = clock.now()
        var report = TransferReport()
        var crc: UInt32 = 0xFFFF_FFFF
        var iterator = messages.makeIterator()
        var exhausted = false
        var unacknowledged: [(sequence: UInt32, body: [UInt8])] = []
        var lastProgress = start
        var lastHeard = start
        var keepAlive = parameters.keepAlive.map { KeepAliveClock(interval: $0, now: start) }
        func transmit(_ body: [UInt8]) throws {
            try connection.writeFrame(body)
            keepAlive?.sent(at: clock.now())
        }
        func resend(from index: Int) throws {
            for entry in unacknowledged[index...] { try transmit(entry.body) }
            report.resent += unacknowledged.count - index
            lastProgress = clock.now()
        }
        while true {
            while !exhausted && unacknowledged.count < parameters.window {
                guard let payload = iterator.next() else {
                    exhausted = true
                    break
                }
                guard payload.count <= parameters.maximumPacket else {
                    throw SessionError.malformed("a message of \(payload.count) bytes, over the packet size")
                }
                let body = try SessionMessage(.data, sequence: nextSequence, payload: payload).encode()
                try transmit(body)
                CRC32.update(&crc, payload)
                report.messages += 1
                report.bytes += payload.count
                unacknowledged.append((nextSequence, body))
                nextSequence += 1
            }
            if exhausted && unacknowledged.isEmpty { break }
            var now = clock.now()
            if let alive = keepAlive {
                switch try alive.action(at: now) {
                case .expire: throw SessionError.peerSilent(seconds: 3 * alive.interval)
                case .send: try transmit(SessionMessage(.keepAlive).encode())
                case .wait: break
                }
            } else if now - lastHeard >= options.timeout {
                throw SessionError.peerSilent(seconds: options.timeout)
            }
            if now - lastProgress >= options.resendInterval { try resend(from: 0) }
            var wait = options.resendInterval - (now - lastProgress)
            if let alive = keepAlive { wait = min(wait, try alive.nextDeadline() - now) }
            let event = try connection.nextFrame(waitingAtMost: max(0, wait))
            now = clock.now()
            guard case .frame(let frame) = event else {
                if event == .closed { throw SessionError.closed }
                continue
            }
            lastHeard = now
            keepAlive?.heard(at: now)
            // A damaged ACK is ignored: the next one is cumulative and covers it.
            guard let message = try? SessionMessage.decode(frame) else { continue }
            switch message.kind {
            case .ack:
                if let first = unacknowledged.first, message.sequence >= first.sequence {
                    unacknowledged.removeAll { $0.sequence <= message.sequence }
                    lastProgress = now
                }
            case .error:
                let index = unacknowledged.firstIndex { $0.sequence == message.sequence } ?? 0
                if !unacknowledged.isEmpty { try resend(from: index) }
            case .keepAlive:
                break
            case .disconnect:
                try? connection.writeFrame(SessionMessage(.ack, sequence: message.sequence).encode())
                throw SessionError.closed
            case .data, .syn, .synAck:
                throw SessionError.unexpected("\(message.kind) from the server")
            }
        }
        report.crc = ~crc
        report.seconds = clock.now() - start
        return report
    }

    /// Says goodbye: DISCONNECT, waits at most `options.disconnectTimeout` for its ACK, closes.
    ///
    /// - Returns: `true` if the server acknowledged, `false` if it stayed silent or closed first.
    @discardableResult
    public func disconnect() throws -> Bool {
        defer { close() }
        let sequence = nextSequence
        let deadline = SystemTime().now() + options.disconnectTimeout
        do {
            try connection.writeFrame(SessionMessage(.disconnect, sequence: sequence).encode())
            while true {
                let left = deadline - SystemTime().now()
                guard left > 0, case .frame(let body) = try connection.nextFrame(waitingAtMost: left) else {
                    return false
                }
                if let message = try? SessionMessage.decode(body), message.kind == .ack, message.sequence == sequence {
                    return true
                }
            }
        } catch {
            return false
        }
    }
}
