/// The server's side of the three-way handshake: SYN in, SYN-ACK out, ACK in.
import NetLabKit

extension SessionServer {
    /// Runs the handshake on a new connection.
    ///
    /// - Returns: the session's parameters, or `nil` when the SYN was refused (the client has
    ///   been sent a SYN-ACK saying why).
    /// - Throws: `SessionError` for a handshake that goes wrong or takes too long.
    func acceptHandshake(_ connection: FrameConnection) throws -> SessionParameters? {
        let syn = try Self.next(.syn, on: connection, within: options.handshakeTimeout)
        let request: SynRequest
        do { request = try SynRequest.decode(syn.payload) } catch {
            try connection.writeFrame(
                SessionMessage(.synAck, payload: SynAckReply.refusal("\(error)").encode()).encode())
            return nil
        }
        // Unpredictable, so another client cannot guess a session's ID; never 0 (a refusal's).
        var generator = SystemRandomNumberGenerator()
        var sessionID: UInt64 = 0
        while sessionID == 0 { sessionID = generator.next() }
        let reply = try Negotiation.answer(request, limits: options, sessionID: sessionID)
        try connection.writeFrame(SessionMessage(.synAck, payload: reply.encode()).encode())
        guard let parameters = reply.parameters(clientID: request.clientID) else { return nil }
        let ack = try Self.next(.ack, on: connection, within: options.handshakeTimeout)
        guard ack.payload == bytes(sessionID, 8) else { throw SessionError.unexpected("ACK for another session") }
        return parameters
    }

    /// The next message, which must be of `kind`.
    static func next(
        _ kind: SessionMessage.Kind, on connection: FrameConnection, within seconds: Double
    ) throws
        -> SessionMessage
    {
        switch try connection.nextFrame(waitingAtMost: seconds) {
        case .timedOut: throw SessionError.unexpected("silence: no \(kind) within \(seconds) s")
        case .closed: throw SessionError.closed
        case .frame(let body):
            let message = try SessionMessage.decode(body)
            guard message.kind == kind else { throw SessionError.unexpected("\(message.kind) instead of \(kind)") }
            return message
        }
    }
}
