/// What the heartbeat server notices about its clients.
public enum HeartbeatEvent: Equatable, Sendable {
    /// The first heartbeat from a client (or the first after it was declared gone).
    case started(client: String, sequence: Int)
    /// Heartbeats with these sequence numbers never arrived: the next one jumped past them.
    case lost(client: String, sequences: ClosedRange<Int>)
    /// A heartbeat older than one already seen (reordered or duplicated); it is ignored.
    case stale(client: String, sequence: Int)
    /// No heartbeat for `silence` seconds: the client is declared gone and forgotten.
    case gone(client: String, silence: Double)
}
