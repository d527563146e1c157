import NetLabKit
import Synchronization

/// Where the server writes one line per request, in Common Log Format (the Apache and
/// nginx default), followed by the number of connections open at that moment:
///
/// ```
/// 127.0.0.1 - - [06/Nov/1994:08:49:37 +0000] "GET /index.html HTTP/1.1" 200 1043 active=2
/// ```
///
/// This file is given: where the lines go. Making a line is `commonLogLine`, in
/// `AccessLog.swift`: you write it.
public final class AccessLog: Sendable {
    private enum Destination { case file(OpenFile), memory }
    private let destination: Destination
    private let kept = Mutex<[String]>([])

    private init(_ destination: Destination) {
        self.destination = destination
    }

    /// Appends to a file, creating it if needed.
    /// - Throws: `FileError` naming the path if it cannot be opened.
    /// The corresponding C call is `open(2)` with `O_APPEND`.
    public static func file(_ path: String) throws -> AccessLog {
        AccessLog(.file(try OpenFile(path, for: .appending)))
    }

    /// Writes to standard error.
    public static func standardError() -> AccessLog { AccessLog(.file(.standardError)) }

    /// Keeps the lines in memory (read them with `lines`). For tests.
    public static func memory() -> AccessLog { AccessLog(.memory) }

    /// The lines written so far, for a log made with `memory()`.
    public var lines: [String] { kept.withLock { $0 } }

    /// Writes one line. Lines from different threads never interleave: `O_APPEND` writes
    /// of one line are atomic, and the memory log takes a lock.
    public func write(_ line: String) {
        switch destination {
        case .memory:
            kept.withLock { $0.append(line) }
        case .file(let file):
            // A log that cannot be written (a full disk) must not stop the server.
            try? file.write(Array((line + "\n").utf8))
        }
    }
}
