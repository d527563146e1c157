/// A small HTTP/1.1 client, just enough for the relay: one GET, `Connection: close`, the
/// body read piece by piece so that a 100 MB file never sits in memory whole. Given code.
///
/// Why not lab 02's client? This lab comes before lab 02 needs to be finished, and the
/// relay wants things lab 02's client does not do: a deadline for the whole download (so a
/// trickling origin is cut off) and a body handed over as it arrives.
import NetLabKit

/// Why a download stopped.
public enum DownloadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The deadline passed.
    case timedOut
    /// Anything else: the origin refused the connection, spoke something that is not HTTP,
    /// or closed before the whole body was sent.
    case failed(String)

    public var description: String {
        switch self {
        case .timedOut: "the download did not finish in time"
        case .failed(let reason): reason
        }
    }
}

public final class HTTPDownload {
    /// The origin's status code, such as 200 or 404.
    public let status: Int
    /// The origin's reason phrase, such as `Not Found`.
    public let reasonPhrase: String
    /// The body's length from `Content-Length`, or `nil` (the body then ends when the
    /// origin closes).
    public let contentLength: Int?
    /// `Content-Type`, or `application/octet-stream` when there is none.
    public let contentType: String

    private let socket: TCPSocket
    private let deadline: Double
    private var pending: [UInt8]
    private var received = 0

    /// The largest response head read: 16 KiB, as most servers allow for a request's.
    static let largestHead = 16_384

    /// Connects to the URL's host, sends a GET and reads the response head.
    ///
    /// - Parameter deadline: when the whole download must be over (`SystemTime().now()`).
    /// - Throws: `DownloadError`.
    public init(_ url: FetchURL, deadline: Double) throws(DownloadError) {
        self.deadline = deadline
        let address: SocketAddress
        do { address = try SocketAddress.resolve(host: url.host, port: url.port) } catch {
            throw .failed("cannot resolve \(url.host): \(error)")
        }
        let left = deadline - SystemTime().now()
        guard left > 0 else { throw .timedOut }
        do { socket = try TCPSocket(connectingTo: address, timeout: left) } catch {
            if error == .timedOut { throw .timedOut }
            throw .failed("cannot connect to \(address): \(error)")
        }
        let hostHeader =
            (url.host.contains(":") ? "[\(url.host)]" : url.host) + (url.explicitPort.map { ":\($0)" } ?? "")
        let request =
            "GET \(url.path) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: lab07-relay\r\n"
            + "Accept-Encoding: identity\r\nConnection: close\r\n\r\n"
        var head: [UInt8] = []
        var headEnd: Int?
        do {
            try socket.setSendTimeout(left)
            try socket.sendAll(Array(request.utf8))
            while headEnd == nil {
                guard head.count < Self.largestHead else {
                    throw DownloadError.failed("the origin's response head is over 16 KiB")
                }
                let chunk = try Self.receive(from: socket, before: deadline, maximum: 4_096)
                guard !chunk.isEmpty else {
                    throw DownloadError.failed("the origin closed before a whole response head")
                }
                let searchFrom = max(0, head.count - 3)
                head += chunk
                headEnd = Self.blankLine(in: head, from: searchFrom)
            }
        } catch let error as DownloadError {
            socket.close()
            throw error
        } catch {
            socket.close()
            throw .failed("\(error)")
        }
        let parsed = Self.parseHead(head[..<headEnd!])
        guard let parsed else {
            socket.close()
            throw .failed("the origin did not answer with HTTP")
        }
        if let coding = parsed.headers["transfer-encoding"], coding.lowercased() != "identity" {
            socket.close()
            throw .failed("the origin used Transfer-Encoding: \(coding), which this relay does not decode")
        }
        var length: Int?
        if let text = parsed.headers["content-length"] {
            guard let value = Int(text), value >= 0 else {
                socket.close()
                throw .failed("the origin sent a bad Content-Length '\(text)'")
            }
            length = value
        }
        status = parsed.status
        reasonPhrase = parsed.reason
        contentLength = length
        contentType = parsed.headers["content-type"] ?? "application/octet-stream"
        pending = Array(head[(headEnd! + 4)...])
    }

    deinit { socket.close() }

    /// The next piece of the body, at most `maximumLength` bytes, or `nil` when it is complete.
    /// - Throws: `DownloadError.timedOut` at the deadline, `.failed` if the origin closes short.
    public func nextChunk(maximumLength: Int = 65_535) throws(DownloadError) -> [UInt8]? {
        let wanted = contentLength.map { min(maximumLength, $0 - received) } ?? maximumLength
        guard wanted > 0 else { return nil }
        var chunk: [UInt8]
        if !pending.isEmpty {
            chunk = Array(pending.prefix(wanted))
            pending.removeFirst(chunk.count)
        } else {
            do { chunk = try Self.receive(from: socket, before: deadline, maximum: wanted) } catch let error
                as DownloadError
            {
                throw error
            } catch {
                throw .failed("reading from the origin: \(error)")
            }
        }
        if chunk.isEmpty {
            if let contentLength { throw .failed("the origin closed after \(received) of \(contentLength) bytes") }
            return nil
        }
        received += chunk.count
        return chunk
    }

    /// One `receive`, bounded by what is left of the deadline.
    private static func receive(from socket: TCPSocket, before deadline: Double, maximum: Int) throws -> [UInt8] {
        let left = deadline - SystemTime().now()
        guard left > 0 else { throw DownloadError.timedOut }
        try socket.setReceiveTimeout(left)
        do { return try socket.receive(maximumLength: maximum) } catch {
            if error == .timedOut { throw DownloadError.timedOut }
            throw error
        }
    }

    /// Where `\r\n\r\n` starts, looking from `start`.
    private static func blankLine(in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in start...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// The status line and the headers (names lowercased), or `nil` if it is not HTTP.
    private static func parseHead(
        _ head: ArraySlice<UInt8>
    ) -> (status: Int, reason: String, headers: [String: String])? {
        let lines = String(decoding: head, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1.") else { return nil }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[1].count == 3, let status = Int(parts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            headers[name] = value
        }
        return (status, parts.count > 2 ? String(parts[2]) : "", headers)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
