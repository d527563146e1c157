import NetLabKit

/// Why forwarding failed. The server answers SERVFAIL for any of them.
public enum ForwardError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No acceptable reply came within the timeout, on any attempt.
    case noReply(attempts: Int)
    /// The socket itself failed.
    case socket(String)

    public var description: String {
        switch self {
        case .noReply(let attempts): return "upstream did not answer (\(attempts) attempts)"
        case .socket(let text): return "upstream socket failed: \(text)"
        }
    }
}

/// Asks an upstream DNS server on behalf of a client.
///
/// Every query goes out from a fresh socket (so a fresh source port) with a fresh random ID,
/// and a reply is accepted only if it comes from the upstream's exact address and port,
/// carries that ID, and repeats the same question. Anything else is a stray or a spoofing
/// attempt and is ignored, while the wait goes on (RFC 5452 §3 and §9.1). An unanswered
/// query is sent once more with a new ID; then the forwarder gives up.
///
/// `resolve` blocks its caller: the server runs each forwarded query on a thread of its
/// own, so one slow upstream answer never holds up anyone else.
///
/// This file is given: the settings, and `exchangeTCP` for a reply that came back
/// truncated. Asking and waiting are `resolve` and `awaitReply`, in `Forwarder.swift`:
/// you write them.
public final class Forwarder: Sendable {
    public let upstream: SocketAddress
    /// Seconds to wait for each attempt.
    public let timeout: Double
    /// Attempts in all: 2 means one try and one retry.
    public let attempts: Int
    let log: @Sendable (String) -> Void

    public init(
        upstream: SocketAddress, timeout: Double = 1.5, attempts: Int = 2,
        log: @escaping @Sendable (String) -> Void = { Console.error($0) }
    ) {
        self.upstream = upstream
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.log = log
    }

    /// Sends `query` over TCP and reads one framed reply (RFC 1035 §4.2.2).
    func exchangeTCP(_ query: DNSMessage) throws -> DNSMessage {
        let connection = try TCPSocket(connectingTo: upstream, timeout: timeout)
        defer { connection.close() }
        try connection.setReceiveTimeout(timeout)
        try connection.sendAll(DNSFraming.frame(query.encode()))
        guard let bytes = try DNSFraming.readFrame(from: connection) else { throw ForwardError.noReply(attempts: 1) }
        let reply = try DNSMessage.decode(bytes)
        guard reply.header.id == query.header.id, reply.questions == query.questions else {
            throw ForwardError.noReply(attempts: 1)
        }
        return reply
    }
}
