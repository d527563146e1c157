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
        // TODO: Queue a FIN after the last byte (finOffset = dataEnd), fillWindow, and wait until it is
        //   acknowledged (sendBase > finOffset), the connection fails, or options.closeTimeout
        //   passes with nothing new acknowledged (restart the deadline whenever sendBase moves:
        //   the queue before the FIN may be long and the path lossy). Set appClosed and closedAt
        //   in every case (the endpoint then lingers for TIME-WAIT). Succeed if the FIN was
        //   acknowledged; or if every data byte was acknowledged and then a RST came; or if every
        //   data byte was acknowledged, the peer had closed, and only the FIN's ACK is missing.
        //   Otherwise throw RUDPError.closeFailed, and fail the connection so its timers stop.
        //   A second close returns at once.
        throw NotImplemented("RUDPConnection.close")
    }
}
