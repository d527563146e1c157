import NetLabKit

// The forwarder's settings and `exchangeTCP` are given, in `Forwarder+TCP.swift`.
extension Forwarder {
    /// Asks the upstream one question and waits for a matching reply.
    ///
    /// - Parameters:
    ///   - question: what to ask.
    ///   - recursionDesired: the client's RD bit, passed on.
    /// - Returns: the upstream's reply (over TCP if the UDP one came back truncated).
    /// - Throws: `ForwardError.noReply` once every attempt has timed out.
    public func resolve(_ question: DNSQuestion, recursionDesired: Bool = true) throws -> DNSMessage {
        // TODO: open a `UDPSocket(family: upstream.family)` for this query alone, and for
        // each of `attempts` attempts:
        //  - pick a fresh ID with `SystemRandomNumberGenerator` (never the client's ID: an
        //    attacker who can guess it can forge the answer);
        //  - send `DNSMessage.query` for the question, with the client's RD bit and class and
        //    an OPT record offering 1232 bytes (RFC 6891: then answers up to that size still
        //    come by UDP), to `upstream`;
        //  - `awaitReply` (below) and return what it accepts. If the reply has TC set, try
        //    `exchangeTCP` for the whole answer.
        // After the last attempt: throw `ForwardError.noReply(attempts:)`.
        throw NotImplemented("Forwarder.resolve")
    }

    /// Waits up to `timeout` for a reply that matches, ignoring (and logging) the others.
    private func awaitReply(on socket: UDPSocket, id: UInt16, question: DNSQuestion) -> DNSMessage? {
        // TODO: wait with the given `DNSClient.awaitDatagram(on:timeout:accept:)` for `timeout`
        // seconds. Its `accept` closure decides: take the first datagram that comes from
        // exactly `upstream`, decodes, is a response, carries `id`, and repeats `question`
        // (return the message). Log each other one with `log` and turn it down (return nil):
        // a wrong source, ID or question is a stray or a spoof. A socket error is no reply.
        nil
    }
}
