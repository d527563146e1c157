/// Where a program gets the time from.
///
/// Code that measures or waits (RTTs, cache TTLs, heartbeat silence, retransmission timers)
/// asks a `TimeSource` instead of the system clock, so a test can hand it a `ManualTime`
/// and move time forward by hand instead of sleeping.
internal import NetLabSystem
import Synchronization

public protocol TimeSource: Sendable {
    /// Seconds since an arbitrary fixed start. Only differences mean anything.
    func now() -> Double
}

/// The real monotonic clock: it never jumps back when the wall clock is set.
public struct SystemTime: TimeSource {
    public init() {}

    /// The corresponding C call is `clock_gettime(2)` with `CLOCK_MONOTONIC`.
    public func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Seconds since 1970 (for timestamps people read, never for measuring intervals).
    /// The corresponding C call is `clock_gettime(2)` with `CLOCK_REALTIME`.
    public static func wallClock() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// A clock that only moves when told to. For tests.
public final class ManualTime: TimeSource, @unchecked Sendable {  // Sendable: `seconds` is a Mutex.
    private let seconds: Mutex<Double>

    public init(_ start: Double = 1_000) {
        seconds = Mutex(start)
    }

    public func now() -> Double { seconds.withLock { $0 } }

    /// Moves time forward.
    public func advance(by delta: Double) {
        seconds.withLock { $0 += delta }
    }
}

/// Sleeps the calling thread.
/// The corresponding C call is `nanosleep(2)`.
public func sleep(seconds: Double) {
    guard seconds > 0 else { return }
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
    var remaining = timespec()
    retryingInterrupts {
        let result = nanosleep(&request, &remaining)
        request = remaining  // If a signal cut the sleep short, the retry sleeps what was left.
        return result
    }
}
