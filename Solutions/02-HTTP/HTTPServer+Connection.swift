import NetLabKit

extension HTTPServer {
    /// Serves the requests waiting on one connection: read bytes, decode every complete
    /// request in them (pipelined requests are answered in order), answer each, and read
    /// again while a request is incomplete.
    ///
    /// - Returns: `.idle` as soon as no request is pending, so that a worker never waits for
    ///   a client's next request; `.closing` when the connection must close.
    func serve(_ connection: TCPSocket) -> ConnectionState {
        var session = Session(connection: connection)
        var chunk = [UInt8](repeating: 0, count: 16_384)
        var buffer: [UInt8] = []
        var requestStarted: Double?  // When the first byte of the pending request arrived.
        var timeoutSet: Double?

        while true {
            // 1. Answer every complete request already buffered.
            if !buffer.isEmpty {
                do {
                    while let (request, length) = try HTTPRequest.decode(buffer[...], limits: configuration.limits) {
                        buffer.removeFirst(length)
                        requestStarted = nil
                        guard answer(request, session: &session) else {
                            finish(connection)
                            return .closing
                        }
                        if buffer.isEmpty { break }
                    }
                } catch {
                    sendError((error as? HTTPError)?.status ?? 400, requestLine: "-", session: &session)
                    finish(connection)
                    return .closing
                }
            }
            // 2. No request pending and nothing to read: the client is between requests.
            //    Waiting for it is the idle set's job, not a worker's. But when no other
            //    connection is waiting anywhere, this worker has nothing better to do:
            //    linger a moment, since a busy client's next request often comes within a
            //    millisecond, and serving it here saves its trip through the idle set.
            if buffer.isEmpty {
                let linger = idle.count == 0 && queue.count == 0 ? 0.001 : 0
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
                    sendError(408, requestLine: "-", session: &session)
                    finish(connection)
                    return .closing
                }
                if timeoutSet != timeout {
                    try? connection.setReceiveTimeout(timeout)
                    timeoutSet = timeout
                }
            }
            let count: Int
            do {
                count = try connection.receive(into: &chunk)
            } catch .timedOut {
                if !buffer.isEmpty { sendError(408, requestLine: "-", session: &session) }
                finish(connection)
                return .closing
            } catch {
                return .closing
            }
            if count == 0 { return .closing }  // The client closed.
            buffer += chunk[0..<count]
        }
    }

    /// What a connection remembers between requests.
    struct Session {
        let connection: TCPSocket
        var dateSecond = -1
        var date = ""

        init(connection: TCPSocket) {
            self.connection = connection
        }

        /// The `Date` header, formatted once per second rather than once per request.
        mutating func now() -> (Int, String) {
            let second = Int(SystemTime.wallClock())
            if second != dateSecond {
                dateSecond = second
                date = (try? HTTPDate.format(second)) ?? ""
            }
            return (second, date)
        }
    }

    /// Sends the response to one request.
    /// - Returns: whether the connection stays open for another request.
    private func answer(_ request: HTTPRequest, session: inout Session) -> Bool {
        var served: ServedResponse
        do {
            served = try handler.respond(to: request, from: session.connection.peer)
        } catch {
            served = ServedResponse(response: StaticFileHandler.error(500))
        }
        var keepAlive = request.keepAlive && !isStopped
        if case .stream = served.body, !served.response.headers.contains("Content-Length"),
            !served.response.headers.contains("Transfer-Encoding")
        {
            keepAlive = false  // The body ends when the connection does (RFC 9112 §6.3).
        }
        let (now, date) = session.now()
        served.response.headers.set("Date", date)
        served.response.headers.set("Server", configuration.serverName)
        if !keepAlive {
            served.response.headers.set("Connection", "close")
        } else if request.version < .http11 {
            served.response.headers.set("Connection", "keep-alive")
        }
        let requestLine = "\(request.method) \(request.target) \(request.version)"
        let sent = send(served, bodyWanted: request.method != "HEAD", connection: session.connection)
        log(
            client: session.connection.peer.ip, time: now, requestLine: requestLine, status: served.response.status,
            bytes: sent ?? 0)
        return keepAlive && sent != nil
    }

    /// Sends head and body. Small files go in the same `send` as the head; large ones are
    /// sent in 64 KiB pieces so memory stays flat whatever the file size; a stream is sent
    /// as the handler writes it.
    ///
    /// - Returns: the body bytes sent, or `nil` if the connection must close (the client
    ///   went away, or the file changed size under us and the framing would be a lie).
    private func send(_ served: ServedResponse, bodyWanted: Bool, connection: TCPSocket) -> Int? {
        do {
            let head = try served.response.encodeHead()
            guard bodyWanted else {
                try connection.sendAll(head)
                return 0
            }
            let region: FileRegion
            switch served.body {
            case .inline:
                try connection.sendAll(head + served.response.body)
                return served.response.body.count
            case .stream(let writeBody):
                try connection.sendAll(head)
                var sent = 0
                try writeBody { piece in
                    try connection.sendAll(piece)
                    sent += piece.count
                }
                return sent
            case .file(let file):
                region = file
            }
            if region.length <= 65_536 {
                guard let bytes = FileSystem.read(region.path, offset: region.offset, length: region.length) else {
                    return nil
                }
                try connection.sendAll(head + bytes)
                return bytes.count
            }
            guard let file = OpenFile(path: region.path) else { return nil }
            try connection.sendAll(head)
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var sent = 0
            while sent < region.length {
                let count = file.read(into: &buffer, at: region.offset + sent, maximum: region.length - sent)
                if count <= 0 { return nil }
                try buffer.withUnsafeBytes { raw in
                    try connection.sendAll(UnsafeRawBufferPointer(rebasing: raw[0..<count]))
                }
                sent += count
            }
            return sent
        } catch {
            return nil
        }
    }

    /// Answers an error that ends the connection (400, 408, 414, 431, 505…).
    private func sendError(_ status: Int, requestLine: String, session: inout Session) {
        var response = StaticFileHandler.error(status)
        response.headers.set("Connection", "close")
        let (now, date) = session.now()
        response.headers.set("Date", date)
        response.headers.set("Server", configuration.serverName)
        if let bytes = try? response.encode() { try? session.connection.sendAll(bytes) }
        log(
            client: session.connection.peer.ip, time: now, requestLine: requestLine, status: status,
            bytes: response.body.count)
    }

    /// Closes politely: stop sending, then read (briefly) what the client still sends, so
    /// the kernel does not answer unread bytes with a reset that destroys our last response.
    private func finish(_ connection: TCPSocket) {
        try? connection.shutdownWrite()
        try? connection.setReceiveTimeout(0.2)
        let deadline = SystemTime().now() + 1
        while SystemTime().now() < deadline {
            guard let bytes = try? connection.receive(maximumLength: 16_384), !bytes.isEmpty else { break }
        }
    }
}
