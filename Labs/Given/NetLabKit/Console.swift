/// Writing to the terminal the way servers and tests need it.
///
/// Results go to standard output, diagnostics to standard error. Every line is flushed at
/// once: a test (or a script) that waits for `listening on …` through a pipe must see it
/// now, not when a 4 KiB buffer fills.
import Synchronization

public enum Console {
    private static let lock = Mutex(())

    /// Prints one line of results to standard output and flushes it.
    public static func print(_ line: String) {
        write(line + "\n", to: .standardOutput)
    }

    /// Prints one line of diagnostics to standard error.
    public static func error(_ line: String) {
        write(line + "\n", to: .standardError)
    }

    /// Announces a bound socket in the one format tests and scripts wait for:
    /// `listening on udp://127.0.0.1:5353`, with an optional role suffix such as `admin`.
    public static func announceListening(scheme: String, on address: SocketAddress, role: String? = nil) {
        let suffix = role.map { " (\($0))" } ?? ""
        print("listening on \(scheme)://\(address)\(suffix)")
    }

    /// Writes straight to the file descriptor (no C buffering, so nothing waits in a
    /// buffer), holding a lock so lines from different threads never interleave.
    /// The corresponding C call is `write(2)`.
    private static func write(_ text: String, to file: OpenFile) {
        lock.withLock { _ in
            // A closed terminal or pipe: there is nothing useful left to do with the line.
            try? file.write(Array(text.utf8))
        }
    }
}
