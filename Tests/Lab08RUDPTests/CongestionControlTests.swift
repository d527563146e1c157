import Lab08RUDP
import NetLabChannel
import NetLabKit
import NetLabTesting
import Testing

@Suite struct CongestionControlTests {
    @Test("without arguments the window starts at one segment, ssthresh at 64, the cap at 1024")
    func defaults() throws {
        var control = CongestionControl()
        try control.acknowledged(segments: 0)  // an ACK that covers no segment changes nothing
        let start = "\(control.cwnd)/\(control.ssthresh)/\(control.maximumWindow)/\(control.window)"
        #expect(start == "1.0/64.0/1024.0/1", "cwnd/ssthresh/maximum/window")
    }

    @Test("slow start doubles the window every round trip until ssthresh")
    func slowStart() throws {
        var control = CongestionControl(initialWindow: 1, initialThreshold: 16, maximumWindow: 1000)
        var windows = [control.window]
        for _ in 0..<4 {
            try control.acknowledged(segments: control.window)  // one round trip: the whole window is acked
            windows.append(control.window)
        }
        #expect(windows == [1, 2, 4, 8, 16])
        #expect(control.phase == .congestionAvoidance, "at ssthresh, slow start ends")
    }

    @Test("congestion avoidance adds about one segment per round trip")
    func additiveIncrease() throws {
        var control = CongestionControl(initialWindow: 10, initialThreshold: 10, maximumWindow: 1000)
        for _ in 0..<10 { try control.acknowledged(segments: 1) }
        #expect(
            control.cwnd > 10.9 && control.cwnd < 11,
            "each ACK adds 1/cwnd: 10 ACKs take 10 to just under 11, got \(control.cwnd)")
        for _ in 0..<11 { try control.acknowledged(segments: 1) }
        #expect(control.window == 11 || control.window == 12)
        #expect(control.cwnd < 12)
    }

    @Test("the third duplicate ACK halves the window and asks for a retransmission, once")
    func fastRetransmit() throws {
        var control = CongestionControl(initialWindow: 20, initialThreshold: 10, maximumWindow: 1000)
        let first = try control.duplicateAcknowledgment()
        let second = try control.duplicateAcknowledgment()
        #expect([first, second] == [false, false], "two duplicates do not ask for a retransmission")
        #expect(control.cwnd == 20, "two duplicates change nothing")
        let third = try control.duplicateAcknowledgment()
        #expect(third == true, "the third one triggers fast retransmit")
        #expect(control.ssthresh == 10, "ssthresh = cwnd / 2")
        #expect(control.cwnd == 10, "cwnd = ssthresh")
        let fourth = try control.duplicateAcknowledgment()
        #expect(fourth == false, "a fourth does not retransmit again")
        #expect(control.cwnd == 10)
    }

    @Test(
        "with fewer than four segments in flight, outstanding - 1 duplicates are enough (early retransmit)",
        arguments: [(1, 1), (2, 1), (3, 2), (4, 3), (9, 3)] as [(Int, Int)])
    func earlyRetransmit(outstanding: Int, threshold: Int) throws {
        var control = CongestionControl(initialWindow: 8, initialThreshold: 64, maximumWindow: 1000)
        var answers: [Bool] = []
        for _ in 0..<4 { answers.append(try control.duplicateAcknowledgment(outstanding: outstanding)) }
        let expected = (1...4).map { $0 == threshold }
        #expect(answers == expected, "\(outstanding) segments outstanding: only duplicate \(threshold) retransmits")
        #expect(control.cwnd == 4, "cwnd 8 halves once: \(control.cwnd)")
    }

    @Test("a new ACK resets the duplicate count")
    func newAckResets() throws {
        var control = CongestionControl(initialWindow: 8, initialThreshold: 4, maximumWindow: 1000)
        _ = try control.duplicateAcknowledgment()
        _ = try control.duplicateAcknowledgment()
        try control.acknowledged(segments: 1)
        var answers: [Bool] = []
        for _ in 0..<3 { answers.append(try control.duplicateAcknowledgment()) }
        #expect(answers == [false, false, true], "three in a row after the reset: only the third retransmits")
    }

    @Test("a timeout halves ssthresh and restarts slow start from one segment")
    func timeout() throws {
        var control = CongestionControl(initialWindow: 12, initialThreshold: 8, maximumWindow: 1000)
        try control.timedOut()
        #expect(control.cwnd == 1)
        #expect(control.ssthresh == 6)
        #expect(control.phase == .slowStart)
        try control.acknowledged(segments: 1)
        #expect(control.cwnd == 2, "slow start again")
    }

    @Test("ssthresh never falls below two segments, cwnd never above the maximum")
    func limits() throws {
        var control = CongestionControl(initialWindow: 3, initialThreshold: 64, maximumWindow: 5)
        try control.timedOut()
        #expect(control.ssthresh == 2)
        try control.timedOut()
        #expect(control.ssthresh == 2)
        for _ in 0..<50 { try control.acknowledged(segments: 1) }
        #expect(control.cwnd == 5)
    }

    @Test("a scripted run leaves the textbook trace")
    func scriptedTrace() throws {
        var control = CongestionControl(initialWindow: 1, initialThreshold: 4, maximumWindow: 100)
        var trace: [String] = []
        func note() { trace.append("\(control.cwnd)/\(control.ssthresh)") }
        for _ in 0..<3 { try control.acknowledged(segments: 1); note() }  // 2, 3, 4
        try control.acknowledged(segments: 1); note()  // 4 + 1/4
        for _ in 0..<3 { _ = try control.duplicateAcknowledgment() }; note()  // halve
        try control.timedOut(); note()  // back to 1
        try control.acknowledged(segments: 1); note()  // 2 (slow start)
        #expect(trace == ["2.0/4.0", "3.0/4.0", "4.0/4.0", "4.25/4.0", "2.125/2.125", "1.0/2.0", "2.0/2.0"])
    }
}
