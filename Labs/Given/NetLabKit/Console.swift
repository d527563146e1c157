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
        write(line + "\n", to: STDOUT_FILENO)
    }

    /// Prints one line of diagnostics to standard error.
    public static func error(_ line: String) {
        write(line + "\n", to: STDERR_FILENO)
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
    private static func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        lock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { raw in
                    systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                }
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }  // stdout closed: nothing useful left to do.
                offset += written
            }
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif
