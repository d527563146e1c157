import NetLabKit
import NetLabSystem
import Synchronization

extension HTTPServer {
    /// Binds the listening socket and starts the acceptor, the workers and the idle set.
    ///
    /// - Returns: the bound address (with the real port when the configuration said 0).
    /// - Throws: `SocketError` if the address cannot be bound.
    public func start() throws -> SocketAddress {
        let address = try SocketAddress.resolve(host: configuration.host, port: configuration.port)
        let listener = try TCPListener(bindingTo: address, backlog: 1_024)
        let bound = try listener.localAddress()
        self.listener.withLock { $0 = listener }
        for slot in slots {
            startThread { [self] in workerLoop(slot) }
        }
        idle.start()
        startThread { [self] in acceptLoop(listener) }
        return bound
    }

    /// Stops accepting, closes every open connection, and lets the workers end.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        listener.withLock { $0 }?.close()
        queue.close()
        idle.stop()
        // A worker puts a connection in its slot before it checks `stopped`, and this
        // looks at the slots after setting it: each connection is closed by one or the other.
        for slot in slots { slot.connection.withLock { $0 }?.close() }
        finished.signal()
    }

    // MARK: - Acceptor

    private func acceptLoop(_ listener: TCPListener) {
        while true {
            let connection: TCPSocket
            do {
                connection = try listener.accept()
            } catch {
                if isStopped { return }
                sleep(seconds: 0.01)  // Out of descriptors (EMFILE): let workers close some.
                continue
            }
            if isStopped {
                connection.close()
                return
            }
            try? connection.setNoDelay()  // The head and a small body go out at once.
            try? connection.setSendTimeout(configuration.sendTimeout)
            let queued = (try? queue.offer(connection)) ?? false
            if !queued { reject(connection) }
        }
    }

    /// Answers 503 on the acceptor's thread without reading the request: the queue is full,
    /// so no worker will. The client's bytes are drained without waiting, so closing does
    /// not turn into a reset that would destroy the 503 before the client reads it.
    private func reject(_ connection: TCPSocket) {
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

    // MARK: - Workers

    private func workerLoop(_ slot: WorkerSlot) {
        while let connection = try? queue.take() {
            slot.connection.withLock { $0 = connection }
            if isStopped {
                connection.close()
                return
            }
            let after = serve(connection)
            slot.connection.withLock { $0 = nil }
            // A connection between requests waits in the idle set, not on this worker.
            switch after {
            case .idle: idle.park(connection, idleTimeout: configuration.idleTimeout)
            case .closing: connection.close()
            }
        }
    }

    /// Writes one access-log line, if there is a log.
    func log(client: String, time: Int, requestLine: String, status: Int, bytes: Int) {
        guard let accessLog = configuration.accessLog else { return }
        if let line = try? AccessLog.commonLogLine(
            client: client, time: time, requestLine: requestLine, status: status, bytes: bytes,
            active: openConnections)
        {
            accessLog.write(line)
        }
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
