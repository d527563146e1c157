import NetLabKit

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
