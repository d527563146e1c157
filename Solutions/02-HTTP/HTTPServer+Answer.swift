import NetLabKit

extension HTTPServer {
    /// Sends the response to one request.
    /// - Parameter unread: bytes already read past the request, for a `takeOver`.
    /// - Returns: whether the connection stays open for another request.
    func answer(_ request: HTTPRequest, unread: [UInt8] = [], session: inout Session) throws -> Bool {
        var served: ServedResponse
        do {
            served = try handler.respond(to: request, from: session.connection.peer)
        } catch {
            served = ServedResponse(response: StaticFileHandler.error(500))
        }
        var keepAlive = request.keepAlive && !isStopped && served.takeOver == nil
        if case .stream = served.body, !served.response.headers.contains("Content-Length"),
            !served.response.headers.contains("Transfer-Encoding")
        {
            keepAlive = false  // The body ends when the connection does (RFC 9112 §6.3).
        }
        let (now, date) = session.now()
        // A handler's own Date and Server stay: a proxy passes on the origin's (RFC 9110 §6.6).
        if !served.response.headers.contains("Date") { served.response.headers.set("Date", date) }
        if !served.response.headers.contains("Server") {
            served.response.headers.set("Server", configuration.serverName)
        }
        if !keepAlive {
            served.response.headers.set("Connection", "close")
        } else if request.version < .http11 {
            served.response.headers.set("Connection", "keep-alive")
        }
        let requestLine = "\(request.method) \(request.target) \(request.version)"
        let sent = try send(served, bodyWanted: request.method != "HEAD", connection: session.connection)
        log(
            client: session.connection.peer.ip, time: now, requestLine: requestLine, status: served.response.status,
            bytes: sent ?? 0)
        if let takeOver = served.takeOver, sent != nil { try? takeOver(session.connection, unread) }
        return keepAlive && sent != nil
    }

    /// Sends head and body. Small files go in the same `send` as the head; large ones are
    /// sent in 64 KiB pieces so memory stays flat whatever the file size; a stream is sent
    /// as the handler writes it.
    ///
    /// - Returns: the body bytes sent, or `nil` if the connection must close (the client
    ///   went away, or the file changed size under us and the framing would be a lie).
    func send(_ served: ServedResponse, bodyWanted: Bool, connection: TCPSocket) throws -> Int? {
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
    func sendError(_ status: Int, requestLine: String, session: inout Session) throws {
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
}
