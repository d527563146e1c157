/// Waiting for Ctrl-C (SIGINT) or `kill` (SIGTERM), so a server can clean up before it
/// exits: lab 09's app server takes its name out of the DNS on the way out.
internal import NetLabSystem

public enum TerminationSignals {
    /// Holds SIGINT and SIGTERM back from every thread started after this call, so that
    /// `wait()` receives them instead of the default action killing the process. Call it
    /// first thing in `main`, before any thread starts (threads inherit the mask).
    /// The corresponding C call is `pthread_sigmask(3)`.
    public static func block() {
        var set = signals()
        _ = pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits until SIGINT or SIGTERM arrives, and returns its number.
    /// The corresponding C call is `sigwait(3)`.
    public static func wait() -> Int32 {
        var set = signals()
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }

    /// The name of a signal `wait()` returns: `SIGINT` or `SIGTERM`.
    public static func name(_ signal: Int32) -> String { signal == SIGINT ? "SIGINT" : "SIGTERM" }

    private static func signals() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }
}
