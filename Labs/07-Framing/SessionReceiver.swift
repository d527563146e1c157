/// The server's side of a transfer: deliver each DATA once and in order, acknowledge
/// (cumulatively, perhaps late), answer damage with ERROR, keep the session alive, say goodbye.
/// Given code: the receiving loop is in SessionReceiver+Run.swift.
import NetLabKit

public struct SessionReceiver {
    public let connection: FrameConnection
    public let parameters: SessionParameters
    /// Seconds each ACK is held back.
    public let ackDelay: Double

    public init(connection: FrameConnection, parameters: SessionParameters, ackDelay: Double = 0) {
        self.connection = connection
        self.parameters = parameters
        self.ackDelay = ackDelay
    }
}
