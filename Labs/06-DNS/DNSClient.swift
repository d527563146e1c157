import NetLabKit

/// One query and its answer, as `lab06-dns query` reports it.
public struct DNSQueryResult: Sendable {
    public let message: DNSMessage
    /// From sending the query to having the whole answer.
    public let milliseconds: Double
    /// The answer's size in bytes.
    public let size: Int
    public let overTCP: Bool
    public let server: SocketAddress

    public init(message: DNSMessage, milliseconds: Double, size: Int, overTCP: Bool, server: SocketAddress) {
        self.message = message
        self.milliseconds = milliseconds
        self.size = size
        self.overTCP = overTCP
        self.server = server
    }
}

/// Why a query got no usable answer.
public enum DNSClientError: Error, Hashable, Sendable, CustomStringConvertible {
    case timedOut(SocketAddress)
    case socket(String)
    case badAnswer(String)

    public var description: String {
        switch self {
        case .timedOut(let server): return "connection timed out; no servers could be reached at \(server)"
        case .socket(let text): return text
        case .badAnswer(let text): return "bad answer: \(text)"
        }
    }
}

/// A stub resolver: sends one question to one server and waits for the answer.
public enum DNSClient {
    /// Asks `server` one question, over UDP (retrying over TCP if the answer comes back
    /// truncated, as dig does) or over TCP from the start.
    ///
    /// - Throws: `DNSClientError` if nothing acceptable comes back within `timeout`.
    public static func query(
        _ name: DNSName, type: DNSRecordType, server: SocketAddress, useTCP: Bool = false, timeout: Double = 3
    ) throws(DNSClientError) -> DNSQueryResult {
        var random = SystemRandomNumberGenerator()
        let query = DNSMessage.query(id: UInt16.random(in: 0...UInt16.max, using: &random), name: name, type: type)
        if !useTCP {
            let result = try exchangeUDP(query, server: server, timeout: timeout)
            if !result.message.header.isTruncated { return result }
            Console.error(";; Truncated, retrying in TCP mode.")
        }
        return try exchangeTCP(query, server: server, timeout: timeout)
    }

    /// Sends a message in one datagram and waits for the reply with the same ID from `server`.
    public static func exchangeUDP(
        _ query: DNSMessage, server: SocketAddress, timeout: Double
    ) throws(DNSClientError) -> DNSQueryResult {
        let clock = SystemTime()
        let started = clock.now()
        let answer: (message: DNSMessage, size: Int)?
        do {
            let socket = try UDPSocket(family: server.family)
            defer { socket.close() }
            try socket.send(query.encode(), to: server)
            answer = try awaitDatagram(on: socket, timeout: timeout) {
                bytes, sender -> (message: DNSMessage, size: Int)? in
                guard sender == server, let reply = try? DNSMessage.decode(bytes), reply.header.id == query.header.id
                else { return nil }
                return (reply, bytes.count)
            }
        } catch {
            throw .socket("\(error)")
        }
        guard let answer else { throw .timedOut(server) }
        return DNSQueryResult(
            message: answer.message, milliseconds: (clock.now() - started) * 1000, size: answer.size, overTCP: false,
            server: server)
    }

    /// Receives datagrams on `socket` until `accept` takes one, or until `timeout` seconds
    /// have passed. The deadline is fixed: a datagram that `accept` turns down (a stray, a
    /// late answer to an earlier query, a spoof) does not restart the wait, as a receive
    /// timeout set on the socket would. The forwarder waits for its upstream's reply with it
    /// too.
    ///
    /// - Parameter accept: looks at one datagram and its sender; `nil` turns it down.
    /// - Returns: what `accept` returned for the first datagram it took, or `nil` once
    ///   `timeout` has passed.
    /// - Throws: `SocketError` if the socket fails.
    public static func awaitDatagram<Reply>(
        on socket: UDPSocket, timeout: Double, accept: ([UInt8], SocketAddress) -> Reply?
    ) throws(SocketError) -> Reply? {
        let clock = SystemTime()
        let deadline = clock.now() + timeout
        while true {
            let remaining = deadline - clock.now()
            guard remaining > 0, try socket.waitUntilReadable(timeout: remaining) else { return nil }
            let (bytes, sender) = try socket.receive()
            if let reply = accept(bytes, sender) { return reply }
        }
    }

    /// Sends a message over a new TCP connection with its 2-byte length prefix and reads
    /// the framed reply.
    public static func exchangeTCP(
        _ query: DNSMessage, server: SocketAddress, timeout: Double
    ) throws(DNSClientError) -> DNSQueryResult {
        do {
            let clock = SystemTime()
            let started = clock.now()
            let connection = try TCPSocket(connectingTo: server, timeout: timeout)
            defer { connection.close() }
            try connection.setReceiveTimeout(timeout)
            try connection.sendAll(DNSFraming.frame(query.encode()))
            guard let bytes = try DNSFraming.readFrame(from: connection) else {
                throw DNSClientError.badAnswer("the server closed the connection without answering")
            }
            let reply = try DNSMessage.decode(bytes)
            return DNSQueryResult(
                message: reply, milliseconds: (clock.now() - started) * 1000, size: bytes.count, overTCP: true,
                server: server)
        } catch SocketError.timedOut {
            throw .timedOut(server)
        } catch let error as DNSClientError {
            throw error
        } catch {
            throw .socket("\(error)")
        }
    }

    /// Sends one admin command and returns the server's reply text.
    public static func admin(
        _ command: String, server: SocketAddress, timeout: Double = 3
    ) throws(DNSClientError) -> String {
        do {
            let socket = try UDPSocket(family: server.family)
            defer { socket.close() }
            try socket.setReceiveTimeout(timeout)
            try socket.send(Array(command.utf8), to: server)
            while true {
                let (bytes, sender) = try socket.receive()
                if sender == server { return String(decoding: bytes, as: UTF8.self) }
            }
        } catch SocketError.timedOut {
            throw .timedOut(server)
        } catch {
            throw .socket("\(error)")
        }
    }
}
