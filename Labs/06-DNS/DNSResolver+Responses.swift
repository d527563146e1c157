/// The server's brain, without sockets: turns a query's bytes into the answer to send.
///
/// `handle` never blocks. It answers from the local data or the cache, or says the query
/// must go to the upstream; the caller then runs `forward` on a thread of its own. TCP
/// connections, which have a thread each anyway, simply call `respond`.
///
/// This file is given: the outcomes, `handle` (the order in which a query's fate is decided),
/// `respond`, and `response(to:code:…)`, which builds every answer. The decisions are yours:
/// `answerLocally` in `DNSResolver.swift` (Part 3), `forward` in `DNSResolver+Forwarding.swift`
/// (Part 5) and `screen` in `DNSResolver+Screening.swift` (Part 7).
public final class DNSResolver: Sendable {
    /// What to do with one incoming datagram.
    public enum Outcome: Sendable {
        /// Send this answer back.
        case reply(DNSMessage)
        /// Send nothing; the reason is for the log.
        case drop(String)
        /// Ask the upstream (call `forward` with this decoded query, off the receiving thread).
        case forward(DNSMessage)
    }

    /// What `screen` makes of a datagram before any name is looked up.
    public enum Screening: Sendable {
        /// A well-formed query with one question: look its name up.
        case query(DNSMessage)
        /// Not a query to look up: drop it, or send an error answer.
        case outcome(Outcome)
    }

    public let local: LocalRecords
    public let cache: DNSCache
    public let forwarder: Forwarder?

    /// The UDP payload size this server offers in its own OPT records (RFC 6891 §6.2.5;
    /// 1232 is the DNS Flag Day 2020 value that avoids IP fragmentation).
    public static let advertisedPayloadSize: UInt16 = 1232

    public init(local: LocalRecords, cache: DNSCache, forwarder: Forwarder?) {
        self.local = local
        self.cache = cache
        self.forwarder = forwarder
    }

    /// Decides what to do with a query, without blocking, in this order:
    ///
    /// 1. `screen` (Part 7): junk is dropped; a bad or unsupported query gets its error answer.
    /// 2. `answerLocally` (Part 3): names this server owns are answered with AA set.
    /// 3. The cache (Part 6): an answer stored earlier, its TTLs counted down.
    /// 4. No upstream: REFUSED. Else `.forward`: the caller runs `forward` (Part 5) on a
    ///    thread of its own.
    public func handle(_ bytes: [UInt8]) -> Outcome {
        let query: DNSMessage
        switch screen(bytes) {
        case .query(let screened): query = screened
        case .outcome(let outcome): return outcome
        }
        guard let question = query.questions.first else { return .reply(response(to: query, code: .formatError)) }
        if let answer = answerLocally(query) { return .reply(answer) }
        if let cached = cache.lookup(question) {
            return .reply(
                response(
                    to: query, code: cached.responseCode, answers: cached.answers, authorities: cached.authorities,
                    additionals: cached.additionals))
        }
        if forwarder == nil { return .reply(response(to: query, code: .refused)) }
        return .forward(query)
    }

    /// Handles a query start to finish, forwarding on the calling thread if needed.
    ///
    /// - Parameter limit: the most bytes the transport carries; `nil` picks the UDP limit
    ///   from the query (512, or its EDNS payload size). TCP passes 65535.
    /// - Returns: the encoded answer (TC set if it had to be cut), or `nil` to drop.
    public func respond(to bytes: [UInt8], limit: Int? = nil) -> [UInt8]? {
        switch handle(bytes) {
        case .drop: return nil
        case .reply(let message): return message.encode(fittingIn: limit ?? Self.udpLimit(for: message))
        case .forward(let query):
            let message = forward(query)
            return message.encode(fittingIn: limit ?? Self.udpLimit(for: message))
        }
    }

    /// How big a UDP answer may be: 512 bytes (RFC 1035 §2.3.4), or as much as the asker's
    /// OPT record offers up to our own advertised size (RFC 6891 §6.2.3, §6.2.5).
    public static func udpLimit(for answer: DNSMessage) -> Int {
        guard let edns = answer.edns else { return 512 }
        return max(512, Int(edns.udpPayloadSize))
    }

    /// Builds an answer that echoes the query's ID, opcode, RD, CD and question, and an OPT
    /// record when the query had one (never FORMERR for OPT: RFC 6891 §7).
    func response(
        to query: DNSMessage, code: DNSResponseCode, answers: [ResourceRecord] = [], authorities: [ResourceRecord] = [],
        additionals: [ResourceRecord] = [], authoritative: Bool = false
    ) -> DNSMessage {
        var header = DNSHeader(
            id: query.header.id, isResponse: true, opcode: query.header.opcode, isAuthoritative: authoritative,
            recursionDesired: query.header.recursionDesired, recursionAvailable: forwarder != nil,
            checkingDisabled: query.header.checkingDisabled)
        header.responseCode = UInt8(code.rawValue & 0x0F)
        var message = DNSMessage(
            header: header, questions: query.questions, answers: answers, authorities: authorities,
            additionals: additionals)
        if let asked = query.edns {
            // The answer may be as big as the asker offered, up to our own limit; `udpLimit`
            // reads it back from this record (RFC 6891 §6.2.5).
            let offered = min(asked.udpPayloadSize, Self.advertisedPayloadSize)
            var info = EDNSInfo(udpPayloadSize: max(512, offered))
            info.extendedResponseCode = UInt8(code.rawValue >> 4)
            message.additionals.append(info.record)
        }
        return message
    }
}
