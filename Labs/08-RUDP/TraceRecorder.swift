/// A log of the congestion window over time: what `--trace` writes and `--plot` draws.
import NetLabKit
import Synchronization

/// One moment in a connection's life.
public struct TraceEvent: Sendable, Equatable {
    /// Seconds since the recorder started.
    public var time: Double
    public var cwnd: Double
    public var ssthresh: Double
    public var rto: Double
    /// What happened: `start`, `ack`, `fast-retransmit`, `timeout`.
    public var event: String

    public init(time: Double, cwnd: Double, ssthresh: Double, rto: Double, event: String) {
        self.time = time
        self.cwnd = cwnd
        self.ssthresh = ssthresh
        self.rto = rto
        self.event = event
    }
}

/// Collects `TraceEvent`s from a connection's threads.
public final class TraceRecorder: Sendable {
    private let events = Mutex<[TraceEvent]>([])
    private let start: Double
    private let clock: any TimeSource

    public init(clock: any TimeSource = SystemTime()) {
        self.clock = clock
        start = clock.now()
    }

    public func record(cwnd: Double, ssthresh: Double, rto: Double, event: String) {
        let time = clock.now() - start
        events.withLock { $0.append(TraceEvent(time: time, cwnd: cwnd, ssthresh: ssthresh, rto: rto, event: event)) }
    }

    /// Everything recorded so far, oldest first.
    public var snapshot: [TraceEvent] { events.withLock { $0 } }

    /// The trace as CSV: a header line, then `time,cwnd,ssthresh,rto,event` per event.
    public var csv: String {
        var lines = ["time,cwnd,ssthresh,rto,event"]
        for event in snapshot {
            lines.append(
                "\(fixed(event.time, decimals: 6)),\(fixed(event.cwnd, decimals: 3))"
                    + ",\(fixed(event.ssthresh, decimals: 3)),\(fixed(event.rto, decimals: 6)),\(event.event)"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
