import Lab06DNS
import NetLabKit
import NetLabTesting
import Synchronization
import Testing

@Suite("Part 5: forwarding")
struct ForwardingTests {
    @Test("a name outside the local data is forwarded, and the upstream's answer relayed")
    func forwards() throws {
        let upstream = try FakeUpstream.answering("192.0.2.10", ttl: 77)
        try withDNSServer(records: [("app.netlab", "10.0.0.1")], upstream: upstream.address) { server throws in
            let answer = try ask(server.dns, "www.remote.test", id: 0x1357)
            #expect(answer.header.id == 0x1357, "the client gets its own ID back")
            #expect(answer.responseCode == .noError)
            #expect(answer.answers == [record("www.remote.test", "192.0.2.10", ttl: 77)])
            #expect(answer.header.recursionAvailable, "RA: this server recurses through its upstream")
            #expect(!answer.header.isAuthoritative, "a forwarded answer is not authoritative")
            #expect(upstream.received.map { $0.questions } == [[DNSQuestion(name: name("www.remote.test"), type: .a)]])
            let local = try ask(server.dns, "app.netlab")
            #expect(addresses(local) == ["10.0.0.1"], "app.netlab A: local names are still answered locally")
            #expect(upstream.received.count == 1, "local names are never forwarded")
        }
    }

    @Test("the upstream query carries a fresh ID, not the client's")
    func freshID() throws {
        let upstream = try FakeUpstream.answering("192.0.2.10")
        try withDNSServer(upstream: upstream.address) { server throws in
            _ = try ask(server.dns, "one.remote.test", id: 7)
            _ = try ask(server.dns, "two.remote.test", id: 7)
            let ids = upstream.received.map(\.header.id)
            #expect(ids.count == 2)
            #expect(ids != [7, 7], "the ID sent upstream must be the server's own random choice, not the client's (7)")
        }
    }

    @Test("an NXDOMAIN from the upstream is relayed with its SOA")
    func nxdomainRelayed() throws {
        let soa = ResourceRecord(
            name: name("remote.test"), ttl: 600,
            data: .soa(
                SOAData(
                    primary: name("ns.remote.test"), mailbox: name("h.remote.test"), serial: 1, refresh: 1, retry: 1,
                    expire: 1, minimum: 30)))
        let upstream = try FakeUpstream { call in
            call.reply(upstreamReply(to: call.query, code: .nameError, authorities: [soa]))
        }
        try withDNSServer(upstream: upstream.address) { server throws in
            let answer = try ask(server.dns, "missing.remote.test")
            #expect(answer.responseCode == .nameError)
            #expect(answer.authorities.map(\.type) == [.soa])
        }
    }

    /// An upstream that first lets `bogus` send a spoofed or stray reply carrying 6.6.6.6,
    /// then sends the real answer (192.0.2.1) a moment later.
    func spoofingUpstream(_ bogus: @escaping @Sendable (UpstreamCall) -> Void) throws -> FakeUpstream {
        try FakeUpstream { call in
            bogus(call)
            sleep(seconds: 0.05)
            call.reply(upstreamReply(to: call.query, answers: [record(call.name, "192.0.2.1")]))
        }
    }

    @Test("a reply with the wrong ID is ignored, and the real one accepted")
    func wrongIDIgnored() throws {
        let upstream = try spoofingUpstream { call in
            var fake = upstreamReply(to: call.query, answers: [record(call.name, "6.6.6.6")])
            fake.header.id = call.query.header.id &+ 1
            call.reply(fake)
        }
        try withDNSServer(upstream: upstream.address, upstreamTimeout: 2) { server throws in
            let answer = try ask(server.dns, "bank.remote.test")
            #expect(
                addresses(answer) == ["192.0.2.1"], "bank.remote.test A: the spoof said 6.6.6.6, the upstream 192.0.2.1"
            )
        }
    }

    @Test("a reply to a different question is ignored, and the real one accepted")
    func wrongQuestionIgnored() throws {
        let upstream = try spoofingUpstream { call in
            var fake = upstreamReply(to: call.query, answers: [record("other.remote.test", "6.6.6.6")])
            fake.questions = [DNSQuestion(name: name("other.remote.test"), type: .a)]
            call.reply(fake)
        }
        try withDNSServer(upstream: upstream.address, upstreamTimeout: 2) { server throws in
            let answer = try ask(server.dns, "bank.remote.test")
            #expect(
                addresses(answer) == ["192.0.2.1"], "bank.remote.test A: the spoof said 6.6.6.6, the upstream 192.0.2.1"
            )
        }
    }

    @Test("a reply from an address other than the upstream's is ignored, and the real one accepted")
    func wrongSourceIgnored() throws {
        let upstream = try spoofingUpstream { call in
            // The right ID and question, but from another port: an off-path attacker.
            call.replyFromAnotherPort(upstreamReply(to: call.query, answers: [record(call.name, "6.6.6.6")]))
        }
        try withDNSServer(upstream: upstream.address, upstreamTimeout: 2) { server throws in
            let answer = try ask(server.dns, "bank.remote.test")
            #expect(
                addresses(answer) == ["192.0.2.1"], "bank.remote.test A: the spoof said 6.6.6.6, the upstream 192.0.2.1"
            )
        }
    }

    @Test("a silent upstream gets exactly one retry, then the client gets SERVFAIL")
    func silentUpstream() throws {
        let upstream = try FakeUpstream { _ in }
        try withDNSServer(upstream: upstream.address, upstreamTimeout: 0.3) { server throws in
            let answer = try ask(server.dns, "void.remote.test", timeout: 5)
            #expect(answer.responseCode == .serverFailure)
            #expect(upstream.received.count == 2, "one query and one retry, then give up")
        }
    }

    @Test("an upstream that answers only the retry still gets its answer through")
    func answersRetry() throws {
        let upstream = try FakeUpstream { call in
            if call.index == 0 { return }
            call.reply(upstreamReply(to: call.query, answers: [record(call.name, "192.0.2.2")]))
        }
        try withDNSServer(upstream: upstream.address, upstreamTimeout: 0.3) { server throws in
            let answer = try ask(server.dns, "late.remote.test", timeout: 5)
            #expect(addresses(answer) == ["192.0.2.2"], "late.remote.test A: the upstream answers only the retry")
        }
    }

    @Test("a slow upstream does not stall answers to other clients")
    func slowUpstreamDoesNotStall() throws {
        let held = Mutex<[UpstreamCall]>([])
        let upstream = try FakeUpstream { call in
            if call.name.hasPrefix("slow") {
                held.withLock { $0.append(call) }  // answered later, by the test
            } else {
                call.reply(upstreamReply(to: call.query, answers: [record(call.name, "192.0.2.3")]))
            }
        }
        try withDNSServer(records: [("app.netlab", "10.0.0.1")], upstream: upstream.address, upstreamTimeout: 3) {
            server throws in
            // More slow queries than the server has UDP workers: if a worker waited for the
            // upstream, the last ones would never even be forwarded.
            let slowCount = server.server.configuration.workers + 1
            let slowClient = try testUDPSocket(timeout: 5)
            for index in 0..<slowCount {
                let owner = name("slow\(index).remote.test")
                let query = DNSMessage.query(id: 0x5100 + UInt16(index), name: owner, type: .a)
                try slowClient.send(query.encode(), to: server.dns)
            }
            // Wait until the upstream holds every slow query.
            for _ in 0..<400 where held.withLock({ $0.count < slowCount }) { sleep(seconds: 0.005) }
            let pending = held.withLock { $0 }
            try #require(
                pending.count == slowCount,
                "\(pending.count) of \(slowCount) slow queries reached the upstream: does a worker wait for it?")
            // While they are held, other clients get their answers, local and forwarded.
            let local = try ask(server.dns, "app.netlab", timeout: 2)
            #expect(addresses(local) == ["10.0.0.1"], "app.netlab A, while the upstream holds \(slowCount) queries")
            let fast = try ask(server.dns, "fast.remote.test", timeout: 2)
            #expect(
                addresses(fast) == ["192.0.2.3"], "fast.remote.test A, while the upstream holds \(slowCount) queries")
            let early = try slowClient.waitUntilReadable(timeout: 0)
            #expect(early == false, "the slow answers cannot have come yet")
            // Now the upstream answers the slow queries, and their client gets them.
            for call in pending {
                call.reply(upstreamReply(to: call.query, answers: [record(call.name, "192.0.2.4")]))
            }
            var answers: [UInt16: [String]] = [:]
            for _ in 0..<slowCount {
                let answer = try DNSMessage.decode(try slowClient.receive().bytes)
                answers[answer.header.id] = addresses(answer)
            }
            let ids = (0..<slowCount).map { 0x5100 + UInt16($0) }
            let expected = Dictionary(uniqueKeysWithValues: ids.map { ($0, ["192.0.2.4"]) })
            #expect(answers == expected)
        }
    }

    @Test("the client's RD bit and class go upstream as they came, and RD comes back in the answer")
    func queryBitsPassedOn() throws {
        let upstream = try FakeUpstream.answering("192.0.2.10")
        try withDNSServer(upstream: upstream.address) { server throws in
            let socket = try testUDPSocket(timeout: 3)
            defer { socket.close() }
            for (id, owner, desired) in [(UInt16(0x0D01), "rd.remote.test", true), (0x0D02, "nord.remote.test", false)]
            {
                let query = DNSMessage.query(id: id, name: name(owner), type: .a, recursionDesired: desired)
                try socket.send(query.encode(), to: server.dns)
                let answer = try receiveAnswer(on: socket, id: id)
                #expect(
                    answer.header.recursionDesired == desired, "\(owner) A asked with RD \(desired): the answer's RD")
            }
            var any = DNSMessage.query(id: 0x0D03, name: name("any.remote.test"), type: .a)
            any.questions[0].recordClass = .any
            try socket.send(any.encode(), to: server.dns)
            let anyAnswer = try receiveAnswer(on: socket, id: 0x0D03)
            #expect(anyAnswer.responseCode == .noError, "any.remote.test A, class ANY (255)")
            let sent = upstream.received.map { "\($0.questions[0]) RD=\($0.header.recursionDesired)" }
            let offered = upstream.received.map { $0.edns?.udpPayloadSize }
            #expect(offered == [1232, 1232, 1232], "each forwarded query offers EDNS with 1232 bytes (RFC 6891)")
            let expected = [
                "rd.remote.test. IN A RD=true", "nord.remote.test. IN A RD=false", "any.remote.test. ANY A RD=true",
            ]
            #expect(sent == expected, "what the upstream was asked")
        }
    }

    @Test("the upstream's additional records are relayed, but its OPT record is not")
    func additionalsRelayed() throws {
        let glue = record("ns.remote.test", "192.0.2.53")
        let upstream = try FakeUpstream { call in
            var reply = upstreamReply(to: call.query, answers: [record(call.name, "192.0.2.10")])
            reply.additionals = [glue, EDNSInfo(udpPayloadSize: 4096).record]
            call.reply(reply)
        }
        try withDNSServer(upstream: upstream.address) { server throws in
            let plain = try ask(server.dns, "www.remote.test")
            #expect(plain.additionals == [glue], "www.remote.test A without EDNS: the glue, and no OPT record")
            let edns = try ask(server.dns, "mail.remote.test", edns: EDNSInfo(udpPayloadSize: 1232))
            let types = edns.additionals.map(\.type)
            #expect(types == [.a, .opt], "mail.remote.test A with EDNS: the glue, then this server's own OPT record")
            #expect(
                edns.edns?.udpPayloadSize == 1232, "the OPT record is the server's (1232), not the upstream's (4096)")
        }
    }
}
