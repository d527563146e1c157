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
public final class Forwarder: Sendable {
    public let upstream: SocketAddress
    /// Seconds to wait for each attempt.
    public let timeout: Double
    /// Attempts in all: 2 means one try and one retry.
    public let attempts: Int
    private let log: @Sendable (String) -> Void

    public init(
        upstream: SocketAddress, timeout: Double = 1.5, attempts: Int = 2,
        log: @escaping @Sendable (String) -> Void = { Console.error($0) }
    ) {
        self.upstream = upstream
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.log = log
    }

    /// Asks the upstream one question and waits for a matching reply.
    ///
    /// - Parameters:
    ///   - question: what to ask.
    ///   - recursionDesired: the client's RD bit, passed on.
    /// - Returns: the upstream's reply (over TCP if the UDP one came back truncated).
    /// - Throws: `ForwardError.noReply` once every attempt has timed out.
    public func resolve(_ question: DNSQuestion, recursionDesired: Bool = true) throws -> DNSMessage {
        let socket: UDPSocket
        do {
            socket = try UDPSocket(family: upstream.family)
        } catch {
            throw ForwardError.socket("\(error)")
        }
        defer { socket.close() }
        // An ID that an off-path attacker cannot guess: the system's secure generator.
        var random = SystemRandomNumberGenerator()
        for _ in 0..<attempts {
            let id = UInt16.random(in: 0...UInt16.max, using: &random)
            var query = DNSMessage.query(id: id, name: question.name, type: question.type, recursionDesired: recursionDesired)
            query.questions[0].recordClass = question.recordClass
            query.additionals = [EDNSInfo(udpPayloadSize: 1232).record]
            do {
                try socket.send(query.encode(), to: upstream)
            } catch {
                throw ForwardError.socket("\(error)")
            }
            if let reply = awaitReply(on: socket, id: id, question: question) {
                if reply.header.isTruncated, let full = try? exchangeTCP(query) { return full }
                return reply
            }
        }
        throw ForwardError.noReply(attempts: attempts)
    }

    /// Waits up to `timeout` for a reply that matches, ignoring (and logging) the others.
    private func awaitReply(on socket: UDPSocket, id: UInt16, question: DNSQuestion) -> DNSMessage? {
        let deadline = SystemTime().now() + timeout
        var buffer = [UInt8](repeating: 0, count: 65_535)
        while true {
            let remaining = deadline - SystemTime().now()
            guard remaining > 0, (try? socket.waitUntilReadable(timeout: remaining)) == true else { return nil }
            guard let (count, sender) = try? socket.receive(into: &buffer) else { continue }
            guard sender == upstream else {
                log("forward: ignored a reply from \(sender), not the upstream \(upstream)")
                continue
            }
            guard let reply = try? DNSMessage.decode(Array(buffer[0..<count])) else {
                log("forward: ignored an undecodable reply from \(sender)")
                continue
            }
            guard reply.header.isResponse, reply.header.id == id else {
                log("forward: ignored a reply with ID \(reply.header.id), expected \(id)")
                continue
            }
            guard reply.questions == [question] else {
                log("forward: ignored a reply to another question (\(reply.questions.map(\.description)))")
                continue
            }
            return reply
        }
    }

    /// Sends `query` over TCP and reads one framed reply (RFC 1035 §4.2.2).
    private func exchangeTCP(_ query: DNSMessage) throws -> DNSMessage {
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
