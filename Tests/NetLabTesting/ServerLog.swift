/// Keeping what a server under test logged, so a test that waited in vain can say why.
///
/// ```swift
/// let log = ServerLog()
/// configuration.log = { line in log.append(line) }
/// …
/// } catch SocketError.timedOut {
///     throw NoAnswer(log: log.lines)   // "the server sent no answer: not implemented yet: …"
/// }
/// ```
import Synchronization

/// What a server logged, kept for failures.
public final class ServerLog: Sendable {
    private let entries = Mutex<[String]>([])

    public init() {}

    public func append(_ line: String) { entries.withLock { $0.append(line) } }

    public var lines: [String] { entries.withLock { $0 } }
}

/// A test waited for an answer that never came; the server's log says why, when it can.
public struct NoAnswer: Error, CustomStringConvertible {
    public let log: [String]

    public init(log: [String]) {
        self.log = log
    }

    public var description: String {
        var seen: Set<String> = []
        let distinct = log.filter { seen.insert($0).inserted }
        if let missing = distinct.first(where: { $0.contains("not implemented") }) {
            return "the server sent no answer: \(missing)"
        }
        if distinct.isEmpty { return "timed out: the server sent no answer, and logged nothing" }
        return "timed out: the server sent no answer; it logged: " + distinct.suffix(3).joined(separator: " | ")
    }
}
