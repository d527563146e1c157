/// What `RelayClient.fetch` gives back, and how it fails. Given code.

/// A whole body, every byte the relay promised.
public struct FetchedBody: Equatable, Sendable {
    public let bytes: [UInt8]
    public let contentType: String

    public init(bytes: [UInt8], contentType: String) {
        self.bytes = bytes
        self.contentType = contentType
    }
}

/// What the relay said about a body that `RelayClient.fetch(_:through:framing:timeout:each:)`
/// handed over piece by piece: returned only once every byte arrived and the length matched.
public struct FetchSummary: Equatable, Sendable {
    public let contentType: String
    /// How many body bytes arrived: the END frame's total, and the OK's length if it gave one.
    public let length: UInt64

    public init(contentType: String, length: UInt64) {
        self.contentType = contentType
        self.length = length
    }
}

public enum RelayClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The relay refused before sending anything (its STATUS frame was not 200).
    case refused(RelayRefusal)
    /// The body broke off: the relay's ERROR frame after a 200.
    case failed(RelayRefusal)
    /// The relay's frames made no sense, or the stream ended early.
    case protocolViolation(String)
    /// The body's length is not what the relay promised.
    case lengthMismatch(expected: UInt64, received: UInt64)

    public var description: String {
        switch self {
        case .refused(let refusal): "relay: \(refusal)"
        case .failed(let refusal): "relay: the download failed part way: \(refusal)"
        case .protocolViolation(let what): "relay: \(what)"
        case .lengthMismatch(let expected, let received): "relay: promised \(expected) bytes, sent \(received)"
        }
    }
}
