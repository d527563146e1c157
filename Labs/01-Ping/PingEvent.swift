import NetLabKit

/// Something that happened during a ping run, in the order it happened.
public enum PingEvent: Equatable, Sendable {
    /// The first reply to a ping still waiting for one, after `milliseconds`.
    case reply(sequence: Int, milliseconds: Double, bytes: Int, from: SocketAddress)
    /// No reply came within the timeout: this ping counts as lost.
    case timeout(sequence: Int)
    /// A reply to a ping that was already counted as lost. It stays lost.
    case late(sequence: Int)
    /// A second reply to a ping that was already answered. It is not counted again.
    case duplicate(sequence: Int)
    /// A datagram that answers nothing we sent: wrong sender, unknown sequence number,
    /// or not a ping message at all.
    case stray(bytes: Int, from: SocketAddress)
}
