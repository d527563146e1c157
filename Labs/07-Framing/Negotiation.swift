/// The server's half of the handshake's decision: accept (with what) or refuse (why).
import NetLabKit

public enum Negotiation {
    /// The smallest packet size a server agrees to: below it, headers outweigh data.
    public static let smallestPacket: UInt32 = 16

    /// Answers a SYN.
    ///
    /// The packet size is the smaller of the two sides'; the window too in burst mode, and
    /// 1 in step mode. The keep-alive interval is the server's, in milliseconds (0: none).
    /// Refused (`SynAckReply.refusal` with a reason): another version, an unknown mode, a
    /// packet size under 16, a zero window in burst mode.
    public static func answer(_ syn: SynRequest, limits: SessionServerOptions, sessionID: UInt64) throws -> SynAckReply
    {
        // TODO
        throw NotImplemented("Negotiation.answer")
    }
}
