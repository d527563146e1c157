/// How the server knows a client: `id:` and its client identifier (option 61) in hex, or
/// `hw:` and its hardware address, when it sent no identifier (RFC 2131 §4.2).
public struct ClientKey: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    public init(_ text: String) { self.text = text }
    public var description: String { text }
}

/// What the server remembers about one address.
public struct Lease: Equatable, Sendable {
    public enum State: String, Sendable {
        /// Offered and held for `--offer-hold` seconds, waiting for the client's REQUEST.
        case offered
        /// Acknowledged: the client may use the address until `expires`.
        case bound
        /// Given back by the client (RELEASE). Free, but remembered for that client.
        case released
        /// Declined by a client (in use by someone unknown): out of service until `expires`.
        case declined
    }

    public var address: IPv4Address
    public var client: ClientKey
    public var state: State
    /// When the lease (or the hold, or the quarantine) runs out, on the server's clock.
    public var expires: Double

    public init(address: IPv4Address, client: ClientKey, state: State, expires: Double) {
        self.address = address
        self.client = client
        self.state = state
        self.expires = expires
    }

    /// Whether no other client may have this address at `now`.
    public func isTaken(at now: Double) -> Bool {
        state != .released && expires > now
    }
}
