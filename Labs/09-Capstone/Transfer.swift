import NetLabKit

/// The three ways the client fetches a page. Given code.
public enum Transport: String, Sendable, CaseIterable {
    /// HTTP over TCP, with lab 02's client.
    case tcp
    /// A `FETCH` through lab 07's relay, which fetches over HTTP for the client.
    case relay
    /// HTTP over lab 08's reliable UDP.
    case rudp
}

/// One body, fetched one way. Given code: fetching it is yours (`Transfer+Fetch.swift`).
public struct Transfer: Sendable, Equatable {
    public var transport: Transport
    public var contentType: String
    public var body: [UInt8]
    public init(transport: Transport, contentType: String, body: [UInt8]) {
        (self.transport, self.contentType, self.body) = (transport, contentType, body)
    }
}

/// Why a transfer brought back no body.
public enum TransferError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The app server answered, but not with 200 (the status and its reason).
    case status(Int, String)

    public var description: String {
        switch self {
        case .status(let code, let reason): return "the app server answered \(code) \(reason)"
        }
    }
}
