/// `lab08-rudp get`: fetches one file from a `FileServer`.
///
/// This file is given: the report and `parseTrace`. Fetching is `fetch`, in `FileClient.swift`:
/// you write it, with the given `StreamReader`.
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
