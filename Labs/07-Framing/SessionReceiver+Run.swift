/// The server's receiving loop.
import NetLabKit

extension SessionReceiver {
    /// Receives until DISCONNECT, silence or close.
    ///
    /// Every DATA is answered: an ERROR naming its sequence number if the checksum is bad,
    /// otherwise (after `ackDelay`) an ACK with the highest sequence number delivered in
    /// order so far. A duplicate is counted, not delivered; one past a gap is dropped. A
    /// DISCONNECT gets its ACK at once. With `parameters.keepAlive`, send a KEEPALIVE after
    /// each idle interval and give up after three silent ones (`KeepAliveClock`).
    ///
    /// - Parameter deliver: called once per DATA payload, in sequence order, never twice.
    /// - Returns: how the session ended, and what it counted.
    /// - Throws: what `deliver` or the socket throws.
    public func run(deliver: ([UInt8]) throws -> Void) throws -> ReceiverReport {
        // TODO: one loop: send the ACKs that are due, check the keep-alive clock, wait for a
        // frame no longer than until the next of those is due (`connection.nextFrame`).
        throw NotImplemented("SessionReceiver.run")
    }
}
