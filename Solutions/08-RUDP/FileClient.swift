/// `lab08-rudp get`: fetches one file from a `FileServer`.
import NetLabChannel
import NetLabKit

public enum FileClient {
    /// What a fetch achieved.
    public struct Report: Sendable {
        public var bytes: Int
        public var seconds: Double
        /// The server's (the sender's) retransmissions and final congestion window, or `nil`
        /// if its END line never came (the file itself was complete).
        public var retransmissions: Int?
        public var finalWindow: Double?
        /// The server's congestion-window trace, when asked for.
        public var trace: [TraceEvent]
        /// Application bytes per second.
        public var goodput: Double { seconds > 0 ? Double(bytes) / seconds : 0 }
    }

    /// Fetches `name` and returns its bytes.
    ///
    /// - Parameters:
    ///   - withTrace: also ask for the server's congestion-window trace.
    ///   - save: called with the file the moment its last promised byte has arrived, before
    ///     the END line and the FIN exchange, so whatever happens to those the file is kept.
    ///     It is never called for a refused, cut-short or failed transfer.
    /// - Throws: `FileTransferError.remote` if the server refused (no such file),
    ///   `.truncated` if the stream ended early, `.badResponse`, or the connection's error.
    ///   Once the file is complete, nothing more is thrown except by `save`.
    public static func fetch(
        _ name: String, from server: SocketAddress, faults: Faults = .none,
        options: TransportOptions = TransportOptions(), withTrace: Bool = false,
        whenComplete save: ([UInt8]) throws -> Void = { _ in }
    ) throws -> (bytes: [UInt8], report: Report) {
        let start = SystemTime().now()
        let connection = try RUDPConnection.connect(to: server, faults: faults, options: options)
        defer { try? connection.close() }
        try connection.send(Array("\(withTrace ? "TRACE" : "GET") \(name)\n".utf8))
        // Wait a little longer for the next bytes than the server keeps retrying.
        var reader = StreamReader(connection: connection, timeout: options.giveUpAfter + 5)
        let status = try reader.line()
        if status.hasPrefix("ERR ") { throw FileTransferError.remote(String(status.dropFirst(4))) }
        guard status.hasPrefix("OK "), let size = Int(status.dropFirst(3)), size >= 0 else {
            throw FileTransferError.badResponse(status)
        }
        let bytes = try reader.bytes(size)
        guard bytes.count == size else { throw FileTransferError.truncated(expected: size, received: bytes.count) }
        let seconds = SystemTime().now() - start
        try save(bytes)
        // The file is whole. The END line and the trace only report on the transfer: if they
        // never come (the server gave up on its FIN, say), the file is kept all the same.
        var report = Report(bytes: size, seconds: seconds, retransmissions: nil, finalWindow: nil, trace: [])
        reader.timeout = options.closeTimeout
        guard let line = try? reader.line() else { return (bytes, report) }
        let end = line.split(separator: " ").map(String.init)
        guard end.count == 4, end[0] == "END", let retransmissions = Int(end[1]), let window = Double(end[2]),
            let traceLength = Int(end[3]), traceLength >= 0
        else { return (bytes, report) }
        report.retransmissions = retransmissions
        report.finalWindow = window
        if let csv = try? reader.bytes(traceLength), csv.count == traceLength {
            report.trace = parseTrace(String(decoding: csv, as: UTF8.self))
        }
        return (bytes, report)
    }

    /// Reads a trace back from its CSV form.
    public static func parseTrace(_ csv: String) -> [TraceEvent] {
        csv.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: ",").map(String.init)
            guard fields.count == 5, let time = Double(fields[0]), let cwnd = Double(fields[1]),
                let ssthresh = Double(fields[2]), let rto = Double(fields[3])
            else { return nil }
            return TraceEvent(time: time, cwnd: cwnd, ssthresh: ssthresh, rto: rto, event: fields[4])
        }
    }
}

/// Reads lines and counted byte runs from a connection's stream.
struct StreamReader {
    let connection: RUDPConnection
    /// Seconds to wait for more bytes before `RUDPError.timedOut`.
    var timeout: Double
    var buffered: [UInt8] = []
    var head = 0

    init(connection: RUDPConnection, timeout: Double = 30) {
        self.connection = connection
        self.timeout = timeout
    }

    /// The next line without its newline (at most 4 KiB); what is left at end of stream.
    mutating func line() throws -> String {
        while true {
            if let newline = buffered[head...].firstIndex(of: 10) {
                let text = String(decoding: buffered[head..<newline], as: UTF8.self)
                head = newline + 1
                return text
            }
            if try buffered.count - head > 4096 || !fill() {
                let text = String(decoding: buffered[head...], as: UTF8.self)
                head = buffered.count
                return text
            }
        }
    }

    /// Exactly `count` bytes, or fewer if the stream ends first.
    mutating func bytes(_ count: Int) throws -> [UInt8] {
        // Collect straight into one array of the right size: a 10 MB file is then copied
        // once here, not again each time a growing buffer doubles.
        var result: [UInt8] = []
        result.reserveCapacity(min(count, 1 << 30))
        while result.count < count {
            if head == buffered.count {
                buffered = try connection.receive(maximumLength: min(count - result.count, 1 << 20), timeout: timeout)
                head = 0
                if buffered.isEmpty { break }
            }
            let taken = min(count - result.count, buffered.count - head)
            result += buffered[head..<head + taken]
            head += taken
        }
        return result
    }

    private mutating func fill() throws -> Bool {
        if head > 0 {
            buffered.removeFirst(head)
            head = 0
        }
        let chunk = try connection.receive(maximumLength: 1 << 20, timeout: timeout)
        buffered += chunk
        return !chunk.isEmpty
    }
}
