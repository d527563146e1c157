/// Teardown: a FIN after the last byte, waiting for its acknowledgement, and a bounded
/// wait whatever the peer does.
import NetLabKit

extension RUDPConnection {
    /// Finishes the connection: waits until every queued byte is acknowledged, sends FIN,
    /// and waits for the FIN's acknowledgement. The connection then lingers in the
    /// background for `timeWait` seconds to answer a repeated FIN from the peer.
    ///
    /// Gives up once nothing new has been acknowledged for `options.closeTimeout` seconds
    /// (sooner when the retry budget runs out), whatever the peer does. A long queue that is
    /// still being delivered under heavy loss is slow, not failed.
    ///
    /// - Throws: `RUDPError.closeFailed` if the peer never acknowledged everything.
    public func close() throws {
        try monitor.withLock {
            if closedAt != nil { return }
            defer {
                appClosed = true
                closedAt = clock.now()
                monitor.broadcast()
            }
            if phase == .established && failure == nil && finOffset == nil {
                finOffset = dataEnd
                try fillWindow(now: clock.now())
            }
            // The deadline moves with every acknowledgement: a close that is still delivering
            // a long queue under heavy loss is slow, not failed.
            var deadline = clock.now() + options.closeTimeout
            var acknowledged = sendBase
            while failure == nil, let fin = finOffset, sendBase <= fin, clock.now() < deadline {
                acknowledgmentWaiters += 1
                monitor.wait(until: min(deadline, clock.now() + 0.1))
                acknowledgmentWaiters -= 1
                if sendBase > acknowledged {
                    acknowledged = sendBase
                    deadline = clock.now() + options.closeTimeout
                }
            }
            if let fin = finOffset, sendBase > fin { return }
            // The peer closed first and acknowledged every byte; only our FIN's ACK is
            // missing, and the peer may have left TIME-WAIT already. Nothing was lost.
            if peerFinished, let fin = finOffset, sendBase >= fin { return }
            // A reset after every byte was acknowledged: the peer has all our data and has
            // already forgotten the connection. Nothing was lost.
            if failure == .reset, let fin = finOffset, sendBase >= fin { return }
            let unacknowledged = finOffset.map { $0 > sendBase ? $0 - sendBase : 0 } ?? 0
            let silence =
                unacknowledged > 0
                ? "\(unacknowledged) bytes never acknowledged: nothing new for \(options.closeTimeout) s"
                : "no acknowledgement for the FIN within \(options.closeTimeout) s"
            let reason = failure?.description ?? silence
            if failure == nil { fail(.closeFailed(reason)) }
            throw RUDPError.closeFailed(reason)
        }
    }
}
