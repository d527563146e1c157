/// A raw TCP connection to an HTTP server under test, with its own small response reader.
///
/// It does not use any lab's codec on purpose: a bug in your parser cannot hide a bug in
/// your server (lab 02) or your proxy (lab 03).
///
/// ```swift
/// let wire = try Wire(to: server.address)
/// try wire.send("GET / HTTP/1.1\r\nHost: test\r\n\r\n")
/// let reply = try wire.readResponse()      // status, headers, body (length, chunked, close)
/// #expect(reply.status == 200)
/// ```
import Foundation
import NetLabKit

/// A response as a test saw it on the wire.
public struct WireResponse: CustomStringConvertible, Sendable {
    public var status: Int
    public var reason: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, reason: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, ignoring case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of a header, in order, ignoring case.
    public func values(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The media type without parameters: `text/html` for `text/html; charset=utf-8`.
    public var mediaType: String? {
        header("Content-Type").map {
            String($0.split(separator: ";")[0]).trimmingCharacters(in: .whitespaces).lowercased()
        }
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    public var description: String {
        "\(status) \(reason)\n" + headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
            + "\n\n" + String(text.prefix(300))
    }
}

/// Why `Wire` could not read a response.
public enum WireError: Error, CustomStringConvertible {
    /// The peer closed first; says where (and names the peer: "the server", "the proxy").
    case closedEarly(String)
    /// The bytes are not HTTP; says what.
    case malformed(String)

    public var description: String {
        switch self {
        case .closedEarly(let what): return what
        case .malformed(let what): return what
        }
    }
}

/// A raw TCP connection with a receive timeout, and a reader for responses.
public final class Wire: @unchecked Sendable {  // Sendable: used by one thread at a time.
    public let socket: TCPSocket
    /// How failures name the other end: "the server", "the proxy".
    public let peerName: String
    private var buffer: [UInt8] = []

    /// Connects (within 5 s) and sets `timeout` on every read.
    public init(to address: SocketAddress, timeout: Double = 5, peerName: String = "the server") throws {
        socket = try TCPSocket(connectingTo: address, timeout: 5)
        try socket.setReceiveTimeout(timeout)
        try socket.setSendTimeout(5)
        self.peerName = peerName
    }

    deinit { socket.close() }

    public func send(_ text: String) throws { try socket.sendAll(Array(text.utf8)) }
    public func send(_ bytes: [UInt8]) throws { try socket.sendAll(bytes) }

    /// Receives more bytes into the buffer; false at EOF.
    private func fill() throws -> Bool {
        let chunk = try socket.receive()
        if chunk.isEmpty { return false }
        buffer += chunk
        return true
    }

    private func closedEarly(_ where: String) -> WireError {
        .closedEarly("\(peerName) closed the connection \(`where`)")
    }

    private func malformed(_ what: String) -> WireError {
        .malformed("\(peerName)'s response is not valid HTTP: \(what)")
    }

    /// Reads raw bytes until `count` have come or the peer closes.
    public func read(_ count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { break }
        }
        let taken = Array(buffer.prefix(count))
        buffer.removeFirst(taken.count)
        return taken
    }

    /// Reads one response: a body framed by `Content-Length`, chunks, or the close. `method`
    /// says whether a body follows (not for HEAD, nor after a CONNECT's 2xx).
    public func readResponse(method: String = "GET") throws -> WireResponse {
        let marker: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            if let found = buffer.firstRange(of: marker) {
                headEnd = found.upperBound
                break
            }
            guard try fill() else {
                throw closedEarly(buffer.isEmpty ? "without a response" : "inside the response head")
            }
        }
        let head = String(decoding: buffer[..<(headEnd! - 4)], as: UTF8.self)
        buffer.removeFirst(headEnd!)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]), parts[1].count == 3 else {
            throw malformed("status line '\(statusLine)'")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw malformed("header line '\(line)'") }
            headers.append(
                (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
            )
        }
        var reply = WireResponse(
            status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: [])
        let tunnel = method == "CONNECT" && (200..<300).contains(status)
        if method == "HEAD" || tunnel || status == 304 || status == 204 || status < 200 { return reply }
        if reply.header("Transfer-Encoding")?.lowercased() == "chunked" {
            reply.body = try readChunked()
        } else if let length = reply.header("Content-Length") {
            guard let count = Int(length) else { throw malformed("Content-Length '\(length)'") }
            while buffer.count < count {
                guard try fill() else { throw closedEarly("after \(buffer.count) of \(count) body bytes") }
            }
            reply.body = Array(buffer[..<count])
            buffer.removeFirst(count)
        } else {
            while try fill() {}
            reply.body = buffer
            buffer = []
        }
        return reply
    }

    private func readLine() throws -> String {
        while true {
            if let end = buffer.firstRange(of: [13, 10]) {
                let line = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                buffer.removeFirst(end.upperBound)
                return line
            }
            guard try fill() else { throw closedEarly("inside a chunked body") }
        }
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try readLine()
            guard let size = Int(line.split(separator: ";", omittingEmptySubsequences: false)[0], radix: 16) else {
                throw malformed("chunk size '\(line)'")
            }
            if size == 0 {
                while try !readLine().isEmpty {}
                return body
            }
            while buffer.count < size + 2 {
                guard try fill() else { throw closedEarly("inside a chunk") }
            }
            body += buffer[..<size]
            buffer.removeFirst(size + 2)
        }
    }

    /// Whether the peer has closed: reads (and discards) until EOF, or until the receive
    /// timeout says it is still open.
    public func isClosedByPeer() -> Bool {
        while true {
            do {
                if try !fill() { return true }
            } catch {
                return (error as? SocketError) != .timedOut
            }
        }
    }

    /// Whether the connection is still open with nothing to read, checked without waiting.
    public func isOpenAndQuiet() -> Bool {
        guard let readable = try? socket.waitUntilReadable(timeout: 0) else { return false }
        return !readable
    }
}
