/// Why the proxy could not get a response head from an origin.
public enum OriginError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The host name does not resolve.
    case unresolvable(String)
    /// The origin refused the connection, or it failed another way.
    case connectFailed(String)
    /// The origin closed before its response head was complete.
    case closedEarly
    /// The origin sent something that is not an HTTP response head.
    case badResponse(String)
    /// The origin said nothing for the whole `--timeout`.
    case timedOut

    public var description: String {
        switch self {
        case .unresolvable(let host): return "cannot resolve '\(host)'"
        case .connectFailed(let why): return "cannot connect: \(why)"
        case .closedEarly: return "the origin closed before its response head ended"
        case .badResponse(let why): return "the origin's response is malformed: \(why)"
        case .timedOut: return "the origin did not answer in time"
        }
    }
}
