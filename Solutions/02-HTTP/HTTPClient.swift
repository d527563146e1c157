import NetLabKit

// The enum and the `fetch` that collects the body are given, in `HTTPClient+Collect.swift`.
extension HTTPClient {
    /// Fetches a URL.
    ///
    /// - Parameters:
    ///   - url: an `http://` URL.
    ///   - method: `GET` or `HEAD` (any token works).
    ///   - headers: extra request headers (`Host`, `Connection: close` and a `User-Agent` are
    ///     added unless given).
    ///   - timeout: seconds for connecting and for each wait for bytes.
    ///   - body: called with each piece of the decoded body, in order.
    /// - Returns: the response head (its `body` is empty: the bytes went to `body`).
    /// - Throws: `ClientError`.
    public static func fetch(
        _ url: String, method: String = "GET", headers: HTTPHeaders = HTTPHeaders(), timeout: Double = 30,
        body: (ArraySlice<UInt8>) throws -> Void
    ) throws -> HTTPResponse {
        let parsed = try HTTPURL.parse(url)
        var request = HTTPRequest(method: method, target: parsed.target, headers: headers)
        if !request.headers.contains("Host") { request.headers.add("Host", parsed.hostHeader) }
        if !request.headers.contains("User-Agent") { request.headers.add("User-Agent", "lab02-http") }
        if !request.headers.contains("Connection") { request.headers.add("Connection", "close") }

        let bytes = try request.encode()
        let connection: TCPSocket
        do {
            let address = try SocketAddress.resolve(host: parsed.host, port: parsed.port)
            connection = try TCPSocket(connectingTo: address, timeout: timeout)
            try connection.setReceiveTimeout(timeout)
            try connection.setSendTimeout(timeout)
            try connection.sendAll(bytes)
        } catch {
            throw ClientError.socket(error)
        }
        defer { connection.close() }
        return try readResponse(from: connection, method: method, body: body)
    }

    /// Reads one response from a connection: the head, then the body framed by
    /// `Content-Length`, chunked coding, or the end of the connection.
    public static func readResponse(
        from connection: TCPSocket, method: String, body: (ArraySlice<UInt8>) throws -> Void
    ) throws -> HTTPResponse {
        var buffer: [UInt8] = []
        var head: (response: HTTPResponse, length: Int)?
        while true {
            do {
                head = try HTTPResponse.decodeHead(buffer[...])
            } catch {
                throw ClientError.badResponse("\(error)")
            }
            // 1xx responses are interim: skip them and read the real one.
            if let found = head, (100..<200).contains(found.response.status) {
                buffer.removeFirst(found.length)
                continue
            }
            if head != nil { break }
            let chunk = try receive(connection)
            if chunk.isEmpty { throw ClientError.badResponse("connection closed before the response head ended") }
            buffer += chunk
        }
        guard let (response, headLength) = head else { throw ClientError.badResponse("no response") }
        var rest = Array(buffer[headLength...])
        let framing: HTTPResponse.BodyFraming
        do {
            framing = try response.bodyFraming(requestMethod: method)
        } catch {
            throw ClientError.badResponse("\(error)")
        }
        switch framing {
        case .none:
            break
        case .length(let expected):
            var received = 0
            while true {
                let take = min(rest.count, expected - received)
                if take > 0 { try body(rest[0..<take]) }
                received += take
                if received == expected { break }
                rest = try receive(connection)
                if rest.isEmpty { throw ClientError.truncated(expected: expected, received: received) }
            }
        case .chunked:
            var decoder = ChunkedDecoder()
            while true {
                let data: [UInt8]
                do {
                    (data, _) = try decoder.feed(rest[...])
                } catch {
                    throw ClientError.badResponse("\(error)")
                }
                if !data.isEmpty { try body(data[...]) }
                if decoder.isFinished { break }
                rest = try receive(connection)
                if rest.isEmpty { throw ClientError.badResponse("connection closed inside a chunked body") }
            }
        case .untilClose:
            while !rest.isEmpty {
                try body(rest[...])
                rest = try receive(connection)
            }
        }
        return response
    }

    private static func receive(_ connection: TCPSocket) throws(ClientError) -> [UInt8] {
        do {
            return try connection.receive()
        } catch {
            throw .socket(error)
        }
    }
}
