import Lab05DHCP
import NetLabKit
import Testing

@Suite("Retransmission: RFC 2131 §4.1's randomised exponential backoff")
struct RetransmissionTests {
    @Test("at scale 1 the waits are 4, 8, 16, 32, then 64 s forever, each within ±1 s", arguments: [1, 2, 3, 42])
    func realSchedule(seed: UInt64) throws {
        var backoff = Backoff(scale: 1, seed: seed)
        let bases: [Double] = [4, 8, 16, 32, 64, 64, 64, 64]
        for (attempt, base) in bases.enumerated() {
            let delay = try backoff.delay(afterAttempt: attempt)
            #expect(abs(delay - base) <= 1, "seed \(seed), attempt \(attempt): \(delay) s, expected \(base) ± 1")
        }
    }

    @Test("the loopback scale divides every figure by 16: 0.25 s, 0.5 s, 1 s, 2 s, 4 s")
    func loopbackSchedule() throws {
        var backoff = Backoff(seed: 7)
        #expect(backoff.scale == 1.0 / 16)
        for (attempt, base) in [0.25, 0.5, 1, 2, 4, 4].enumerated() {
            let delay = try backoff.delay(afterAttempt: attempt)
            #expect(abs(delay - base) <= 1.0 / 16 + 1e-9, "attempt \(attempt): \(delay) s, expected \(base) ± 0.0625")
        }
    }

    @Test("the jitter is uniform over -1…+1 s, not a constant")
    func jitterIsUniform() throws {
        var backoff = Backoff(scale: 1, seed: 2131)
        var delays: [Double] = []
        for _ in 0..<400 { delays.append(try backoff.delay(afterAttempt: 0)) }
        let mean = delays.reduce(0, +) / Double(delays.count)
        #expect(abs(mean - 4) < 0.15, "seed 2131: mean \(mean), expected about 4")
        #expect(delays.min()! < 3.2 && delays.max()! > 4.8, "seed 2131: \(delays.min()!)…\(delays.max()!)")
        #expect(delays.allSatisfy { $0 >= 3 && $0 <= 5 })
        let below = delays.filter { $0 < 4 }.count
        #expect(below > 150 && below < 250, "seed 2131: \(below) of 400 below 4 s")
    }

    @Test("the same seed gives the same schedule; another seed another one")
    func seeded() throws {
        var one = Backoff(scale: 1, seed: 99)
        var two = Backoff(scale: 1, seed: 99)
        var three = Backoff(scale: 1, seed: 100)
        let a = try (0..<6).map { try one.delay(afterAttempt: $0) }
        let b = try (0..<6).map { try two.delay(afterAttempt: $0) }
        let c = try (0..<6).map { try three.delay(afterAttempt: $0) }
        #expect(a == b)
        #expect(a != c)
    }
}
