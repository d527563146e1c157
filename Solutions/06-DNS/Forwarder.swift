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
            var query = DNSMessage.query(
                id: id, name: question.name, type: question.type, recursionDesired: recursionDesired)
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
        let reply = try? DNSClient.awaitDatagram(on: socket, timeout: timeout) { bytes, sender -> DNSMessage? in
            guard sender == upstream else {
                log("forward: ignored a reply from \(sender), not the upstream \(upstream)")
                return nil
            }
            guard let reply = try? DNSMessage.decode(bytes) else {
                log("forward: ignored an undecodable reply from \(sender)")
                return nil
            }
            guard reply.header.isResponse, reply.header.id == id else {
                log("forward: ignored a reply with ID \(reply.header.id), expected \(id)")
                return nil
            }
            guard reply.questions == [question] else {
                log("forward: ignored a reply to another question (\(reply.questions.map(\.description)))")
                return nil
            }
            return reply
        }
        return reply ?? nil
    }
}
