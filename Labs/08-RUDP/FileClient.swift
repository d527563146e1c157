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
        // TODO: Connect, send "GET name\n" (or "TRACE name\n" withTrace), read the status line with
        //   a StreamReader (timeout: options.giveUpAfter + 5): "ERR …" → throw
        //   FileTransferError.remote; "OK <size>" → read exactly size bytes (fewer: .truncated).
        //   Anything else → .badResponse. Once all size bytes are in, call save(bytes) at once:
        //   the file is complete. Then read the END line and the trace CSV (parseTrace) with the
        //   reader's timeout set to options.closeTimeout; if they never come or are garbled,
        //   return the report without them (retransmissions and finalWindow nil), never throw.
        //   Close the connection in every case.
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
        let chunk = try connection.receive(maximumLength: 1 << 20, timeout: timeout)
        buffered += chunk
        return !chunk.isEmpty
    }
}
