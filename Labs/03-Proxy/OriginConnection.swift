import Lab02HTTP
import NetLabKit

/// A connection to an origin server: send one request, read the response head with lab 02's
/// `HTTPResponse.decodeHead`, then read the body's bytes as they come.
public final class OriginConnection: Sendable {
    public let socket: TCPSocket
    /// Bytes read past the response head: the start of the body.
    public let leftover: [UInt8]
    public let response: HTTPResponse

    /// Sends `request` to `host:port` and reads the response head (1xx skipped), on an idle
    /// connection from `pool` when it has one, else on a new one.
    ///
    /// An idle connection may have been closed by the origin a moment ago, in which case
    /// nothing comes back: a GET or HEAD that got no answer on a reused connection (a close,
    /// a reset, not a silence) is sent again on a new one (RFC 9112 §9.3.1: retrying is safe
    /// for idempotent requests).
    ///
    /// - Throws: `OriginError`: `.timedOut` when the origin is silent for `timeout` seconds.
    public init(
        host: String, port: UInt16, request: HTTPRequest, timeout: Double, pool: OriginPool? = nil
    ) throws(OriginError) {
        let bytes: [UInt8]
        do {
            bytes = try request.encode()
        } catch {
            throw .badResponse("\(error)")
        }
        if let pool, ["GET", "HEAD"].contains(request.method), let idle = pool.take(host: host, port: port) {
            do {
                (self.response, self.leftover) = try OriginConnection.exchange(bytes, on: idle, reused: true)
                self.socket = idle
                return
            } catch .timedOut {
                throw .timedOut  // The origin has the request and is slow: asking again would not help.
            } catch {
                // Closed while idle: try once more on a new connection.
            }
        }
        let socket = try OriginConnection.connect(host: host, port: port, timeout: timeout)
        do {
            (self.response, self.leftover) = try OriginConnection.exchange(bytes, on: socket, reused: false)
        } catch {
            socket.close()
            throw error
        }
        self.socket = socket
    }

    /// Sends a request's bytes and reads the response head.
    ///
    /// - Returns: the head and the body bytes read with it.
    static func exchange(_ request: [UInt8], on socket: TCPSocket, reused: Bool) throws(OriginError) -> (
        HTTPResponse, [UInt8]
    ) {
        var buffer: [UInt8] = []
        do {
            try socket.sendAll(request)
        } catch {
            if reused { socket.close() }
            throw .connectFailed("\(error)")
        }
        while true {
            let head: (response: HTTPResponse, length: Int)?
            do {
                head = try HTTPResponse.decodeHead(buffer[...])
            } catch {
                if reused { socket.close() }
                throw .badResponse("\(error)")
            }
            if let head, (100..<200).contains(head.response.status) {
                buffer.removeFirst(head.length)
                continue
            }
            if let head { return (head.response, Array(buffer[head.length...])) }
            let bytes: [UInt8]
            do {
                bytes = try OriginConnection.receive(socket)
            } catch {
                if reused { socket.close() }
                throw error
            }
            if bytes.isEmpty {
                if reused { socket.close() }
                throw .closedEarly
            }
            buffer += bytes
        }
    }

    /// Whether the connection can carry another request once this response's body has been
    /// read to the end its framing gives: HTTP/1.1, no `Connection: close`, and a body that
    /// does not end with the connection.
    public func isReusable(framing: HTTPResponse.BodyFraming) -> Bool {
        guard response.version >= .http11, !response.headers.hasToken("close", in: "Connection") else { return false }
        if case .untilClose = framing { return false }
        return true
    }

    /// Opens a TCP connection with `timeout` for the connect, each read and each send.
    public static func connect(host: String, port: UInt16, timeout: Double) throws(OriginError) -> TCPSocket {
        let address: SocketAddress
        do {
            address = try SocketAddress.resolve(host: host, port: port)
        } catch {
            throw .unresolvable(host)
        }
        do {
            let socket = try TCPSocket(connectingTo: address, timeout: timeout)
            try socket.setReceiveTimeout(timeout)
            try socket.setSendTimeout(timeout)
            return socket
        } catch .timedOut {
            throw .timedOut
        } catch {
            throw .connectFailed("\(error)")
        }
    }

    /// The next bytes from the origin (empty at its end).
    public func receive() throws(OriginError) -> [UInt8] { try OriginConnection.receive(socket) }

    static func receive(_ socket: TCPSocket) throws(OriginError) -> [UInt8] {
        do {
            return try socket.receive()
        } catch .timedOut {
            throw .timedOut
        } catch {
            throw .closedEarly
        }
    }
}
