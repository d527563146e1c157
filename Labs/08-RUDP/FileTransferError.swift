import NetLabKit

/// What can go wrong fetching or serving a file.
public enum FileTransferError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server answered `ERR …`.
    case remote(String)
    /// The server's first line was not `OK <size>` or `ERR <message>`.
    case badResponse(String)
    /// The stream ended before the promised number of bytes.
    case truncated(expected: Int, received: Int)
    /// A local file could not be read or written.
    case localFile(String, Int32)

    public var description: String {
        switch self {
        case .remote(let message): return "server: \(message)"
        case .badResponse(let line): return "unexpected response from server: '\(line)'"
        case .truncated(let expected, let received):
            return "transfer cut short: \(received) of \(expected) bytes arrived"
        case .localFile(let path, let code): return "\(path): \(errnoDescription(code))"
        }
    }
}
