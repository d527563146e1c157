/// The client's side of the three-way handshake: SYN out, SYN-ACK in, ACK out.
import NetLabKit

extension SessionClient {
    /// Connects and negotiates a session.
    ///
    /// - Throws: `SessionError.refused` with the server's reason, other `SessionError`s for
    ///   a broken handshake, `SocketError` if the server cannot be reached.
    public static func connect(to server: SocketAddress, options: SessionClientOptions) throws -> SessionClient {
        // TODO: connect; a binary FrameConnection that accepts packets of
        // `options.maximumPacket` plus the header; SYN; wait up to `options.timeout` for the
        // SYN-ACK; ACK with the session ID; `SessionClient(socket:connection:parameters:options:)`.
        throw NotImplemented("SessionClient.connect")
    }
}
