/// The client's side of the three-way handshake: SYN out, SYN-ACK in, ACK out.
import NetLabKit

extension SessionClient {
    /// Connects and negotiates a session.
    ///
    /// - Throws: `SessionError.refused` with the server's reason, other `SessionError`s for
    ///   a broken handshake, `SocketError` if the server cannot be reached.
    public static func connect(to server: SocketAddress, options: SessionClientOptions) throws -> SessionClient {
        let socket = try TCPSocket(connectingTo: server, timeout: options.timeout)
        do {
            try socket.setSendTimeout(30)
            try socket.setNoDelay()
            let limit = max(options.maximumPacket, 512) + SessionMessage.headerAfterLength
            let connection = FrameConnection(stream: socket, codec: FrameCodec(.binary, maximumFrameSize: limit))
            let syn = SynRequest(
                mode: options.mode.rawValue, maximumPacket: UInt32(clamping: options.maximumPacket),
                window: UInt16(clamping: options.window), clientID: options.clientID)
            try connection.writeFrame(SessionMessage(.syn, payload: syn.encode()).encode())
            let message = try SessionServer.next(.synAck, on: connection, within: options.timeout)
            let reply = try SynAckReply.decode(message.payload)
            guard reply.status == SynAckReply.accepted else { throw SessionError.refused(reply.reason) }
            guard let parameters = reply.parameters(clientID: options.clientID),
                parameters.maximumPacket <= options.maximumPacket
            else { throw SessionError.unexpected("SYN-ACK with impossible parameters") }
            try connection.writeFrame(SessionMessage(.ack, payload: bytes(reply.sessionID, 8)).encode())
            return SessionClient(socket: socket, connection: connection, parameters: parameters, options: options)
        } catch {
            socket.close()
            throw error
        }
    }
}
