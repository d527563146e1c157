/// What can go wrong on an RUDP connection.
public enum RUDPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The handshake got no answer after every retry.
    case connectFailed(retries: Int)
    /// The peer stopped acknowledging: `maximumRetries` timeouts in a row.
    case peerUnreachable(retries: Int)
    /// The peer reset the connection.
    case reset
    /// `close()` could not get its FIN acknowledged in time.
    case closeFailed(String)
    /// Sending after `close()`.
    case closed
    /// `receive` or `accept` waited longer than its timeout.
    case timedOut

    public var description: String {
        switch self {
        case .connectFailed(let retries): return "no answer to the handshake after \(retries) tries"
        case .peerUnreachable(let retries): return "peer stopped answering (\(retries) timeouts in a row)"
        case .reset: return "connection reset by peer"
        case .closeFailed(let why): return "close failed: \(why)"
        case .closed: return "connection already closed"
        case .timedOut: return "timed out"
        }
    }
}
