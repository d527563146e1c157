/// Reads a TCP byte stream one line at a time, for the sink.
///
/// TCP delivers bytes, not lines: one `receive` may hold half a command, or three
/// pipelined ones. The reader keeps what it has received and hands out a line only once
/// its LF has arrived. Every line has a length limit and every wait a timeout, so a client
/// can neither fill the memory nor hold a thread forever.
import NetLabKit

struct SinkLineReader {
    enum Failure: Error {
        case lineTooLong, timedOut, closed
    }

    private let socket: TCPSocket
    private let timeout: Double
    private var buffer: [UInt8] = []
    /// Where the unread bytes start in `buffer` (dropping bytes from the front of an array
    /// one line at a time would copy the rest each time).
    private var start = 0
    /// How far `buffer` has been searched for an LF, so a long line is scanned only once.
    private var scanned = 0

    init(socket: TCPSocket, timeout: Double) {
        self.socket = socket
        self.timeout = timeout
    }

    /// Whether a whole line is already here (so a reply can wait for the next command).
    var hasWholeLine: Bool { buffer[start...].contains(0x0A) }

    /// The next line.
    ///
    /// - Parameters:
    ///   - limit: the longest line allowed, counting its CRLF.
    ///   - keepingEnd: keep the CRLF (or lone LF) at the end; otherwise it is removed.
    /// - Returns: the line, or `nil` if the client closed the connection cleanly between lines.
    /// - Throws: `Failure.lineTooLong`, `.timedOut`, or `.closed` when the connection ends mid-line.
    mutating func readLine(limit: Int, keepingEnd: Bool = false) throws -> [UInt8]? {
        while true {
            if let end = buffer[max(start, scanned)...].firstIndex(of: 0x0A) {
                guard end - start + 1 <= limit else { throw Failure.lineTooLong }
                var line = Array(buffer[start...end])
                start = end + 1
                scanned = start
                if !keepingEnd {
                    line.removeLast()
                    if line.last == 0x0D { line.removeLast() }
                }
                return line
            }
            scanned = buffer.count
            guard buffer.count - start <= limit else { throw Failure.lineTooLong }
            if start > 0 {
                buffer.removeSubrange(..<start)
                scanned -= start
                start = 0
            }
            let chunk: [UInt8]
            do {
                try socket.setReceiveTimeout(timeout)
                chunk = try socket.receive()
            } catch .timedOut {
                throw Failure.timedOut
            } catch {
                throw Failure.closed
            }
            if chunk.isEmpty {
                if buffer.isEmpty { return nil }
                throw Failure.closed
            }
            buffer += chunk
        }
    }
}
