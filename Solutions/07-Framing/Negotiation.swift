/// The server's half of the handshake's decision: accept (with what) or refuse (why).
public enum Negotiation {
    /// The smallest packet size a server agrees to: below it, headers outweigh data.
    public static let smallestPacket: UInt32 = 16

    /// Answers a SYN.
    ///
    /// The packet size is the smaller of the two sides'; the window too in burst mode, and
    /// 1 in step mode. Refused: another version, an unknown mode, a packet size under 16,
    /// a zero window in burst mode.
    public static func answer(_ syn: SynRequest, limits: SessionServerOptions, sessionID: UInt64) throws -> SynAckReply
    {
        guard syn.version == SynRequest.version else { return .refusal("unsupported version \(syn.version)") }
        guard let mode = SessionMode(rawValue: syn.mode) else { return .refusal("unknown mode \(syn.mode)") }
        guard syn.maximumPacket >= smallestPacket else {
            return .refusal("packet size \(syn.maximumPacket) is under the smallest, \(smallestPacket)")
        }
        guard mode == .step || syn.window > 0 else { return .refusal("a burst needs a window of at least 1") }
        let packet = min(syn.maximumPacket, UInt32(limits.maximumPacket))
        let window = mode == .step ? 1 : min(syn.window, UInt16(clamping: limits.window))
        let keepAlive = limits.keepAlive.map { UInt32(($0 * 1_000).rounded()) } ?? 0
        return SynAckReply(
            status: SynAckReply.accepted, sessionID: sessionID, maximumPacket: packet, mode: mode.rawValue,
            window: window, keepAliveMilliseconds: keepAlive)
    }
}
