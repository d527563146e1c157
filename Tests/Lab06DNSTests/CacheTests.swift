import Lab06DNS
import NetLabKit
import NetLabTesting
import Testing

/// The cache's clock is a `ManualTime`: the tests move it forward instead of sleeping.
@Suite("Part 6: caching")
struct CacheTests {
    static func negativeUpstream(minimum: UInt32, soaTTL: UInt32 = 600) throws -> FakeUpstream {
        try FakeUpstream { call in
            let soa = ResourceRecord(
                name: name("remote.test"), ttl: soaTTL,
                data: .soa(
                    SOAData(
                        primary: name("ns.remote.test"), mailbox: name("h.remote.test"), serial: 1, refresh: 1,
                        retry: 1,
                        expire: 1, minimum: minimum)))
            call.reply(upstreamReply(to: call.query, code: .nameError, authorities: [soa]))
        }
    }

    @Test("a second query is answered from the cache without asking the upstream")
    func cacheHit() throws {
        let upstream = try FakeUpstream.answering("192.0.2.10", ttl: 100)
        try withDNSServer(upstream: upstream.address, time: ManualTime()) { server throws in
            let first = try ask(server.dns, "www.remote.test", id: 1)
            #expect(addresses(first) == ["192.0.2.10"], "www.remote.test A, forwarded")
            let second = try ask(server.dns, "www.remote.test", id: 2)
            #expect(second.header.id == 2)
            #expect(addresses(second) == ["192.0.2.10"])
            #expect(upstream.received.count == 1, "the second answer must come from the cache")
        }
    }

    @Test("the TTLs handed out count down as time passes")
    func ttlCountsDown() throws {
        let clock = ManualTime()
        let upstream = try FakeUpstream.answering("192.0.2.10", ttl: 100)
        try withDNSServer(upstream: upstream.address, time: clock) { server throws in
            let fresh = try ask(server.dns, "www.remote.test")
            #expect(fresh.answers.map(\.ttl) == [100], "www.remote.test A, forwarded with TTL 100")
            clock.advance(by: 40)
            let cached = try ask(server.dns, "www.remote.test")
            #expect(cached.answers.map(\.ttl) == [60], "cached with TTL 100, 40 s ago")
            clock.advance(by: 59)
            let old = try ask(server.dns, "www.remote.test")
            #expect(old.answers.map(\.ttl) == [1], "cached with TTL 100, 99 s ago")
            #expect(upstream.received.count == 1)
        }
    }

    @Test("an entry expires when its TTL runs out, and the upstream is asked again")
    func expiry() throws {
        let clock = ManualTime()
        let upstream = try FakeUpstream.answering("192.0.2.10", ttl: 100)
        try withDNSServer(upstream: upstream.address, time: clock) { server throws in
            _ = try ask(server.dns, "www.remote.test")
            clock.advance(by: 100.5)
            let fresh = try ask(server.dns, "www.remote.test")
            #expect(upstream.received.count == 2, "after 100.5 s a TTL-100 answer must be fetched again")
            #expect(fresh.answers.first?.ttl == 100)
        }
    }

    @Test("the shortest TTL in an answer decides when it expires")
    func shortestTTL() throws {
        let clock = ManualTime()
        let upstream = try FakeUpstream { call in
            call.reply(
                upstreamReply(
                    to: call.query,
                    answers: [record(call.name, "192.0.2.1", ttl: 300), record(call.name, "192.0.2.2", ttl: 30)]))
        }
        try withDNSServer(upstream: upstream.address, time: clock) { server throws in
            _ = try ask(server.dns, "pair.remote.test")
            clock.advance(by: 29)
            let cached = try ask(server.dns, "pair.remote.test")
            #expect(cached.answers.map(\.ttl) == [271, 1], "TTLs 300 and 30, cached 29 s ago")
            clock.advance(by: 2)
            _ = try ask(server.dns, "pair.remote.test")
            #expect(upstream.received.count == 2)
        }
    }

    @Test("NXDOMAIN is cached for the SOA's MINIMUM, as RFC 2308 says")
    func negativeCaching() throws {
        let clock = ManualTime()
        let upstream = try Self.negativeUpstream(minimum: 30)
        try withDNSServer(upstream: upstream.address, time: clock) { server throws in
            let first = try ask(server.dns, "nope.remote.test")
            #expect(first.responseCode == .nameError, "nope.remote.test A, forwarded")
            clock.advance(by: 10)
            let cached = try ask(server.dns, "nope.remote.test")
            #expect(cached.responseCode == .nameError)
            #expect(cached.authorities.first?.ttl == 20, "the SOA's TTL becomes min(600, MINIMUM 30), counting down")
            #expect(upstream.received.count == 1, "a cached NXDOMAIN is not asked again")
            clock.advance(by: 21)
            let expired = try ask(server.dns, "nope.remote.test")
            #expect(expired.responseCode == .nameError, "nope.remote.test A, 31 s later")
            #expect(upstream.received.count == 2, "after 31 s the negative entry has expired")
        }
    }

    @Test("a negative answer without an SOA is cached for the default time")
    func negativeDefault() throws {
        let clock = ManualTime()
        let cache = DNSCache(capacity: 10, time: clock, negativeTTL: 60)
        let question = DNSQuestion(name: name("nope.remote.test"), type: .a)
        let query = DNSMessage.query(id: 1, name: question.name, type: .a)
        cache.store(upstreamReply(to: query, code: .nameError), for: question)
        clock.advance(by: 59)
        #expect(cache.lookup(question)?.responseCode == .nameError)
        clock.advance(by: 2)
        #expect(cache.lookup(question) == nil)
    }

    @Test("SERVFAIL is not cached: once the upstream recovers, the next query gets the answer")
    func failuresNotCached() throws {
        let upstream = try FakeUpstream { call in
            if call.index < 2 { return }  // silent for the first query and its retry
            call.reply(upstreamReply(to: call.query, answers: [record(call.name, "192.0.2.5")]))
        }
        try withDNSServer(upstream: upstream.address, time: ManualTime(), upstreamTimeout: 0.2) { server throws in
            let failed = try ask(server.dns, "flaky.remote.test", timeout: 5)
            #expect(failed.responseCode == .serverFailure, "flaky.remote.test A, the upstream silent twice")
            let recovered = try ask(server.dns, "flaky.remote.test", timeout: 5)
            #expect(addresses(recovered) == ["192.0.2.5"], "flaky.remote.test A, asked again: the upstream answers now")
        }
    }

    @Test("cached names match without regard to case")
    func caseInsensitiveCache() throws {
        let upstream = try FakeUpstream.answering("192.0.2.10")
        try withDNSServer(upstream: upstream.address, time: ManualTime()) { server throws in
            _ = try ask(server.dns, "www.remote.test")
            let answer = try ask(server.dns, "WWW.Remote.TEST")
            #expect(addresses(answer) == ["192.0.2.10"], "WWW.Remote.TEST A, after www.remote.test A")
            #expect(upstream.received.count == 1)
        }
    }

    @Test("the cache never holds more entries than its capacity")
    func boundedSize() {
        let clock = ManualTime()
        let cache = DNSCache(capacity: 3, time: clock)
        for index in 0..<20 {
            let question = DNSQuestion(name: name("n\(index).test"), type: .a)
            let query = DNSMessage.query(id: 1, name: question.name, type: .a)
            cache.store(
                upstreamReply(to: query, answers: [record("n\(index).test", "10.0.0.1", ttl: 100 + UInt32(index))]),
                for: question)
            #expect(cache.count <= 3, "after \(index + 1) stores the cache holds \(cache.count) entries")
        }
        // Full, it forgets the entry closest to expiring (the oldest here: TTLs grow), and keeps the rest.
        let kept = (0..<20).filter { cache.lookup(DNSQuestion(name: name("n\($0).test"), type: .a)) != nil }
        #expect(kept == [17, 18, 19], "the entries kept, of n0…n19 stored with TTLs 100…119 in a cache of 3")
    }

    @Test("TTLs count in whole seconds and run out exactly; an answer with TTL 1 is kept, and its OPT record is not")
    func wholeSeconds() {
        let clock = ManualTime()
        let cache = DNSCache(capacity: 10, time: clock)
        let question = DNSQuestion(name: name("www.remote.test"), type: .a)
        var reply = upstreamReply(
            to: DNSMessage.query(id: 1, name: question.name, type: .a),
            answers: [record("www.remote.test", "10.0.0.1", ttl: 100)])
        reply.additionals = [record("ns.remote.test", "10.0.0.53"), EDNSInfo(udpPayloadSize: 1232).record]
        cache.store(reply, for: question)
        clock.advance(by: 0.6)
        let young = cache.lookup(question)
        #expect(young?.answers.map(\.ttl) == [100], "TTL 100, cached 0.6 s ago: not yet a whole second")
        #expect(young?.additionals.map(\.type) == [.a], "the upstream's OPT record is not the client's")
        clock.advance(by: 99)
        #expect(cache.lookup(question)?.answers.map(\.ttl) == [1], "TTL 100, cached 99.6 s ago")
        clock.advance(by: 0.4)
        #expect(cache.lookup(question) == nil, "TTL 100, cached exactly 100 s ago: expired")

        let brief = DNSQuestion(name: name("brief.remote.test"), type: .a)
        let briefReply = upstreamReply(
            to: DNSMessage.query(id: 2, name: brief.name, type: .a),
            answers: [record("brief.remote.test", "10.0.0.2", ttl: 1)])
        cache.store(briefReply, for: brief)
        #expect(cache.lookup(brief)?.answers.map(\.ttl) == [1], "an answer with TTL 1 may be cached for a second")
    }

    @Test("truncated answers, SERVFAIL and REFUSED from the upstream are not cached")
    func notCacheable() {
        let cache = DNSCache(capacity: 10, time: ManualTime())
        for (owner, code, truncated) in [
            ("ok.remote.test", DNSResponseCode.noError, false), ("cut.remote.test", .noError, true),
            ("fail.remote.test", .serverFailure, false), ("no.remote.test", .refused, false),
        ] {
            let question = DNSQuestion(name: name(owner), type: .a)
            var reply = upstreamReply(
                to: DNSMessage.query(id: 3, name: question.name, type: .a), code: code,
                answers: [record(owner, "10.0.0.3")])
            reply.header.isTruncated = truncated
            cache.store(reply, for: question)
            let kept = cache.lookup(question) != nil
            // The first, a whole NOERROR answer, shows that the others were left out on purpose.
            #expect(kept == (owner == "ok.remote.test"), "\(owner): \(code), TC \(truncated)")
        }
    }

    @Test("an answer with TTL 0 is not cached, and pushes nothing out of a full cache")
    func zeroTTL() {
        let cache = DNSCache(capacity: 1, time: ManualTime())
        let kept = DNSQuestion(name: name("kept.remote.test"), type: .a)
        let keptReply = upstreamReply(
            to: DNSMessage.query(id: 1, name: kept.name, type: .a), answers: [record("kept.remote.test", "10.0.0.1")])
        cache.store(keptReply, for: kept)
        let zero = DNSQuestion(name: name("zero.remote.test"), type: .a)
        let zeroReply = upstreamReply(
            to: DNSMessage.query(id: 2, name: zero.name, type: .a),
            answers: [record("zero.remote.test", "10.0.0.2", ttl: 0)])
        cache.store(zeroReply, for: zero)
        #expect(cache.lookup(zero) == nil, "zero.remote.test with TTL 0 must not be cached")
        #expect(cache.lookup(kept) != nil, "kept.remote.test (TTL 300) was pushed out by an answer that cannot be kept")
    }
}
