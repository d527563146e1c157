import NetLabKit

/// Why the app server's name is not (or no longer) in the DNS. Given code.
public enum RegistrationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The admin channel answered something other than `OK`.
    case refused(command: String, reply: String)
    /// Nothing answered within the timeout.
    case noAnswer(command: String, server: SocketAddress, seconds: Double)
    /// The socket failed (no route, a bad address…).
    case failed(command: String, why: String)

    public var description: String {
        switch self {
        case .refused(let command, let reply): return "\(command): the DNS server answered '\(reply)'"
        case .noAnswer(let command, let server, let seconds):
            return "\(command): no answer from \(server) after \(formatSeconds(seconds)) s"
        case .failed(let command, let why): return "\(command): \(why)"
        }
    }
}

/// Seconds with one decimal: `0.5`, `3.0`.
func formatSeconds(_ seconds: Double) -> String {
    let tenths = Int((seconds * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}
