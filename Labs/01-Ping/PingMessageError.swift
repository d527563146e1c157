/// Why a datagram is not a ping message.
public enum PingMessageError: Error, Equatable, CustomStringConvertible, Sendable {
    case malformed(String)

    public var description: String {
        switch self {
        case .malformed(let why): return "not a ping message: \(why)"
        }
    }
}
