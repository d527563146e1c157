/// The server's side of the three-way handshake: SYN in, SYN-ACK out, ACK in.
import NetLabKit

extension SessionServer {
    /// Runs the handshake on a new connection, waiting at most `options.handshakeTimeout`
    /// for each message.
    ///
    /// - Returns: the session's parameters, or `nil` when the SYN was refused (after sending
    ///   the client a SYN-ACK that says why).
    /// - Throws: `SessionError` for a handshake that goes wrong or takes too long (an ACK
    ///   with another session ID, say).
    func acceptHandshake(_ connection: FrameConnection) throws -> SessionParameters? {
        // TODO: the session ID must be unpredictable and never 0: `SystemRandomNumberGenerator`.
        throw NotImplemented("SessionServer.acceptHandshake")
    }
}
