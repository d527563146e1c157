import NetLabKit
import NetLabSystem

extension HTTPServer {
    /// Answers 503 on the acceptor's thread without reading the request: the queue is full,
    /// so no worker will. The client's bytes are drained without waiting, so closing does
    /// not turn into a reset that would destroy the 503 before the client reads it.
    func reject(_ connection: TCPSocket) throws {
        var response = StaticFileHandler.error(503)
        response.headers.add("Retry-After", String(configuration.retryAfter))
        response.headers.add("Connection", "close")
        let now = Int(SystemTime.wallClock())
        response.headers.add("Date", (try? HTTPDate.format(now)) ?? "")
        response.headers.add("Server", configuration.serverName)
        try? connection.setSendTimeout(1)
        if let bytes = try? response.encode() { try? connection.sendAll(bytes) }
        try? connection.shutdownWrite()
        drainWithoutWaiting(connection)
        connection.close()
        log(client: connection.peer.ip, time: now, requestLine: "-", status: 503, bytes: response.body.count)
    }
}

/// Reads whatever has already arrived, without blocking. The corresponding C call is
/// `recv(2)` with `MSG_DONTWAIT`.
func drainWithoutWaiting(_ connection: TCPSocket) {
    var scratch = [UInt8](repeating: 0, count: 16_384)
    for _ in 0..<16 {
        let count = scratch.withUnsafeMutableBytes { raw in
            recv(connection.descriptor, raw.baseAddress, raw.count, Int32(MSG_DONTWAIT))
        }
        if count <= 0 { return }
    }
}
