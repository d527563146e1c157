/// `lab08-rudp get`: fetches one file from a `FileServer`.
import NetLabChannel
import NetLabKit

public enum FileClient {
    /// What a fetch achieved.
    public struct Report: Sendable {
        public var bytes: Int
        public var seconds: Double
        /// The server's (the sender's) retransmissions and final congestion window.
        public var retransmissions: Int
        public var finalWindow: Double
        /// The server's congestion-window trace, when asked for.
        public var trace: [TraceEvent]
        /// Application bytes per second.
        public var goodput: Double { seconds > 0 ? Double(bytes) / seconds : 0 }
    }

    /// Fetches `name` and returns its bytes. Nothing is written anywhere.
    ///
    /// - Parameter withTrace: also ask for the server's congestion-window trace.
    /// - Throws: `FileTransferError.remote` if the server refused (no such file),
    ///   `.truncated` if the stream ended early, `.badResponse`, or the connection's error.
    public static func fetch(
        _ name: String, from server: SocketAddress, faults: Faults = .none,
        options: TransportOptions = TransportOptions(), withTrace: Bool = false
    ) throws -> (bytes: [UInt8], report: Report) {
        // TODO: Connect, send "GET name\n" (or "TRACE name\n" withTrace), read the status line with
        //   a StreamReader: "ERR …" → throw FileTransferError.remote; "OK <size>" → read exactly
        //   size bytes (fewer: .truncated), then the END line and the trace CSV (parseTrace).
        //   Anything else → .badResponse. Close the connection in every case.
        throw NotImplemented("FileClient.fetch")
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
    var buffered: [UInt8] = []
    var head = 0

    init(connection: RUDPConnection) { self.connection = connection }

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
        while buffered.count - head < count {
            if !(try fill()) { break }
        }
        let taken = min(count, buffered.count - head)
        let result = Array(buffered[head..<head + taken])
        head += taken
        return result
    }

    private mutating func fill() throws -> Bool {
        if head > 0 {
            buffered.removeFirst(head)
            head = 0
        }
        let chunk = try connection.receive(maximumLength: 1 << 20, timeout: 30)
        buffered += chunk
        return !chunk.isEmpty
    }
}
