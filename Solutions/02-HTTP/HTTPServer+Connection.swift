import NetLabKit
import Synchronization

extension HTTPServer {
    /// Serves the requests waiting on one connection: read bytes, decode every complete
    /// request in them (pipelined requests are answered in order), answer each, and read
    /// again while a request is incomplete.
    ///
    /// - Returns: `.idle` as soon as no request is pending, so that a worker never waits for
    ///   a client's next request; `.closing` when the connection must close.
    func serve(_ connection: TCPSocket) throws -> ConnectionState {
        var session = Session(connection: connection)
        var chunk = [UInt8](repeating: 0, count: 16_384)
        var buffer: [UInt8] = []
        var requestStarted: Double?  // When the first byte of the pending request arrived.
        var timeoutSet: Double?

        while true {
            // 1. Answer every complete request already buffered.
            if !buffer.isEmpty {
                let before = buffer.count
                guard try answerBuffered(&buffer, session: &session) else {
                    finish(connection)
                    return .closing
                }
                // A request was answered: the next one's clock starts at its own first byte.
                if buffer.count != before { requestStarted = nil }
            }
            // 2. No request pending and nothing to read: the client is between requests.
            //    Waiting for it is the idle set's job, not a worker's. But when nothing
            //    is queued, and every parked connection would find a free worker if it
            //    became ready now, this worker has nothing better to do: linger a moment,
            //    since a busy client's next request often comes within a millisecond, and
            //    serving it here saves its trip through the idle set (two thread wake-ups).
            if buffer.isEmpty {
                let freeWorkers = slots.count - busyWorkers.load(ordering: .relaxed)
                let linger = idle.count <= freeWorkers && queue.count == 0 ? 0.001 : 0
                guard let readable = try? connection.waitUntilReadable(timeout: linger) else { return .closing }
                if !readable { return .idle }
            } else {
                // 3. A request has started: it must be complete within the header timeout,
                //    which counts from its first byte and never restarts.
                let now = SystemTime().now()
                let started = requestStarted ?? now
                requestStarted = started
                let timeout = started + configuration.headerTimeout - now
                if timeout <= 0 {
                    try sendError(408, requestLine: "-", session: &session)
                    finish(connection)
                    return .closing
                }
                if timeoutSet != timeout {
                    try? connection.setReceiveTimeout(timeout)
                    timeoutSet = timeout
                }
            }
            // 4. Read what comes next.
            let count: Int
            do {
                count = try connection.receive(into: &chunk)
            } catch .timedOut {
                if !buffer.isEmpty { try sendError(408, requestLine: "-", session: &session) }
                finish(connection)
                return .closing
            } catch {
                return .closing
            }
            if count == 0 { return .closing }  // The client closed.
            buffer += chunk[0..<count]
        }
    }

    /// Answers every complete request at the front of `buffer`, in order, and removes its
    /// bytes. What is left is the start of a request still arriving, or nothing.
    ///
    /// - Returns: whether the connection stays open: `false` after `Connection: close`,
    ///   or after a request that can never be valid (answered with its error status).
    func answerBuffered(_ buffer: inout [UInt8], session: inout Session) throws -> Bool {
        do {
            while !buffer.isEmpty,
                let (request, length) = try HTTPRequest.decode(buffer[...], limits: configuration.limits)
            {
                buffer.removeFirst(length)
                guard try answer(request, unread: buffer, session: &session) else { return false }
            }
            return true
        } catch let error as HTTPError {
            try sendError(error.status, requestLine: "-", session: &session)
            return false
        }
    }

    /// Closes politely: stop sending, then read (briefly) what the client still sends, so
    /// the kernel does not answer unread bytes with a reset that destroys our last response.
    func finish(_ connection: TCPSocket) {
        try? connection.shutdownWrite()
        try? connection.setReceiveTimeout(0.2)
        let deadline = SystemTime().now() + 1
        while SystemTime().now() < deadline {
            guard let bytes = try? connection.receive(maximumLength: 16_384), !bytes.isEmpty else { break }
        }
    }
}
