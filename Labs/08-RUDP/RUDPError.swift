/// What can go wrong on an RUDP connection.
public enum RUDPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The handshake got no answer before the retry budget ran out (`maximumRetries`
    /// timeouts, or `giveUpAfter` seconds); `retries` says how many were made.
    case connectFailed(retries: Int)
    /// The peer stopped acknowledging: the retry budget ran out.
    case peerUnreachable(retries: Int)
    /// The peer reset the connection.
    case reset
    /// `close()` could not get its data and FIN acknowledged: nothing new for `closeTimeout` s.
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
