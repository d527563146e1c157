import Lab02HTTP
import NetLabKit

/// A connection to an origin server: send one request, read the response head with lab 02's
/// `HTTPResponse.decodeHead`, then read the body's bytes as they come.
public final class OriginConnection: Sendable {
    public let socket: TCPSocket
    /// Bytes read past the response head: the start of the body.
    public let leftover: [UInt8]
    public let response: HTTPResponse

    /// Connects to `host:port`, sends `request`, and reads the response head (1xx skipped).
    ///
    /// - Throws: `OriginError`: `.timedOut` when the origin is silent for `timeout` seconds.
    public init(host: String, port: UInt16, request: HTTPRequest, timeout: Double) throws(OriginError) {
        let socket = try OriginConnection.connect(host: host, port: port, timeout: timeout)
        var buffer: [UInt8] = []
        do {
            try socket.sendAll(try request.encode())
        } catch {
            throw .connectFailed("\(error)")
        }
        while true {
            let head: (response: HTTPResponse, length: Int)?
            do {
                head = try HTTPResponse.decodeHead(buffer[...])
            } catch {
                throw .badResponse("\(error)")
            }
            if let head, (100..<200).contains(head.response.status) {
                buffer.removeFirst(head.length)
                continue
            }
            if let head {
                self.socket = socket
                self.response = head.response
                self.leftover = Array(buffer[head.length...])
                return
            }
            let bytes = try OriginConnection.receive(socket)
            if bytes.isEmpty { throw .closedEarly }
            buffer += bytes
        }
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
