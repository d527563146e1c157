/// Everything that can go wrong in a socket call.
///
/// Timeouts have their own case because programs branch on them: ping prints
/// "Request timeout", Go-Back-N resends its window. Every other failure carries the name of
/// the C call that failed and its `errno`, so the message says exactly what happened:
/// `bind(2) failed: Address already in use (errno 98)`.
internal import NetLabSystem

public enum SocketError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A receive (or connect) did not complete within its timeout.
    case timedOut
    /// A system call failed. `call` is its name, such as `"bind"`.
    case systemCall(call: String, errno: Int32)
    /// A host name or address could not be turned into a socket address.
    case badAddress(String)
    /// The peer closed the connection before the expected bytes arrived.
    case connectionClosed

    public var description: String {
        switch self {
        case .timedOut:
            return "timed out"
        case .systemCall(let call, let code):
            return "\(call)(2) failed: \(Platform.describe(errno: code)) (errno \(code))"
        case .badAddress(let why):
            return why
        case .connectionClosed:
            return "connection closed by peer"
        }
    }

    /// Makes the error for a failed call from the current `errno`, mapping the timeout
    /// errnos (`EAGAIN`, `EWOULDBLOCK`, `ETIMEDOUT`) to `.timedOut`.
    static func lastError(_ call: String) -> SocketError {
        failure(call, errno: errno)
    }

    /// Makes the error for a call that failed with `code`, mapping the timeout errnos to
    /// `.timedOut`.
    static func failure(_ call: String, errno code: Int32) -> SocketError {
        if code == EAGAIN || code == EWOULDBLOCK || code == ETIMEDOUT { return .timedOut }
        return .systemCall(call: call, errno: code)
    }
}

/// Makes a socket call, again while it fails with `EINTR`, and turns any other failure
/// into a `SocketError`.
///
/// - Parameters:
///   - call: the C function's name, for the error message.
///   - body: the call itself; it returns -1 on failure, as C calls do.
/// - Returns: the call's non-negative result.
/// - Throws: `SocketError` for any failure other than `EINTR`.
@discardableResult
func retryingInterrupts<Result: BinaryInteger>(_ call: String, _ body: () -> Result) throws(SocketError) -> Result {
    let result = retryingInterrupts(body)
    if result < 0 { throw SocketError.lastError(call) }
    return result
}
