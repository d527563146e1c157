/// The client's side of a transfer: step-by-step or a window at a time, resending what the
/// server says was damaged, then DISCONNECT.
import NetLabKit

extension SessionClient {
    /// Sends every message of `messages` as DATA (sequence numbers from `nextSequence` on),
    /// each at most `parameters.maximumPacket` bytes, keeping at most `parameters.window`
    /// unacknowledged, and returns once all are acknowledged.
    ///
    /// An ACK is cumulative. An ERROR names a message to send again, with every one after it.
    /// After `options.resendInterval` without progress, send every unacknowledged one again.
    /// With `parameters.keepAlive`, send KEEPALIVEs while waiting and give up after three
    /// silent intervals; without, give up after `options.timeout` of silence.
    ///
    /// - Throws: `SessionError.peerSilent` when the server stops answering, `.closed` when it
    ///   closes, `.malformed` for a message over the packet size.
    public func send(_ messages: some Sequence<[UInt8]>) throws -> TransferReport {
        // TODO
        throw NotImplemented("SessionClient.send")
    }

    /// Says goodbye: DISCONNECT with the next sequence number, waits at most
    /// `options.disconnectTimeout` for its ACK, and closes, whatever happens.
    ///
    /// - Returns: `true` if the server acknowledged, `false` if it stayed silent or closed first.
    @discardableResult
    public func disconnect() throws -> Bool {
        // TODO
        throw NotImplemented("SessionClient.disconnect")
    }
}
