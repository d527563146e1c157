import NetLabKit
import Synchronization

/// Where the server writes one line per request, in Common Log Format (the Apache and
/// nginx default), followed by the number of connections open at that moment:
///
/// ```
/// 127.0.0.1 - - [06/Nov/1994:08:49:37 +0000] "GET /index.html HTTP/1.1" 200 1043 active=2
/// ```
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

    /// One line of Common Log Format.
    ///
    /// - Parameters:
    ///   - client: the client's IP address.
    ///   - time: seconds since 1970.
    ///   - requestLine: `GET /index.html HTTP/1.1`, or `-` when there was none.
    ///   - status: the status code sent.
    ///   - bytes: body bytes sent (written `-` when 0, as CLF does).
    ///   - active: connections open when the request finished.
    public static func commonLogLine(
        client: String, time: Int, requestLine: String, status: Int, bytes: Int, active: Int
    ) throws -> String {
        let c = HTTPDate.civil(time)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = "\(two(c.day))/\(HTTPDate.months[c.month - 1])/\(c.year)"
        let stamp = "\(day):\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
        let quoted = requestLine.replacingBytes(of: "\"", with: "\\\"")
        return "\(client) - - [\(stamp)] \"\(quoted)\" \(status) \(bytes == 0 ? "-" : String(bytes)) active=\(active)"
    }
}

extension String {
    /// Replaces one character everywhere (without Foundation).
    func replacingBytes(of target: Character, with replacement: String) -> String {
        var output = ""
        for character in self {
            if character == target { output += replacement } else { output.append(character) }
        }
        return output
    }
}
