/// The client's side of a session. Given code: connecting is in SessionClient+Handshake.swift,
/// sending in SessionSender.swift.
import NetLabKit

public struct SessionClientOptions: Sendable {
    public var mode: SessionMode
    /// The largest DATA payload the client would like (the server may lower it).
    public var maximumPacket = 1_024
    /// The window the client would like in burst mode (the server may lower it).
    public var window = 8
    public var clientID = ""
    /// Seconds to wait for the SYN-ACK, and for any sign of life when keep-alives are off.
    public var timeout = 10.0
    /// Seconds `disconnect()` waits for the server's ACK before closing anyway.
    public var disconnectTimeout = 2.0
    /// Seconds without progress after which every unacknowledged message is sent again.
    public var resendInterval = 1.0

    public init(mode: SessionMode) { self.mode = mode }
}

/// What `send` did, for the client's summary line.
public struct TransferReport: Equatable, Sendable {
    public var messages = 0
    public var bytes = 0
    public var seconds = 0.0
    /// CRC-32 of every payload byte, in order: the server prints the same.
    public var crc: UInt32 = 0
    /// Messages sent again after an ERROR or a silence.
    public var resent = 0

    public init() {}

    /// Bytes per second.
    public var throughput: Double { seconds > 0 ? Double(bytes) / seconds : 0 }
}

public final class SessionClient {
    public let connection: FrameConnection
    public let parameters: SessionParameters
    public let options: SessionClientOptions
    /// The sequence number the next DATA (or the DISCONNECT) gets. DATA starts at 1.
    public var nextSequence: UInt32 = 1
    let socket: TCPSocket

    init(socket: TCPSocket, connection: FrameConnection, parameters: SessionParameters, options: SessionClientOptions) {
        self.socket = socket
        self.connection = connection
        self.parameters = parameters
        self.options = options
    }

    /// Closes the connection without a goodbye (`disconnect()` says goodbye first).
    public func close() { socket.close() }

    /// The negotiated parameters, as the client prints them.
    public var summary: String {
        "session \(parameters.sessionName): \(parameters.mode), packet \(parameters.maximumPacket) bytes, "
            + "window \(parameters.window), keep-alive " + (parameters.keepAlive.map { "\($0) s" } ?? "off")
    }
}
